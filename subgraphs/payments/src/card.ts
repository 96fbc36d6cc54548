import { z } from 'zod';

/** A card as the customer typed it; only ever passed to the processor, never stored. */
export interface Card {
  /** Digits only (spaces removed at the edge). */
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** What payments keeps of a card. */
export interface CardSummary {
  last4: string;
  brand: 'visa' | 'mastercard' | 'card';
}

/** The Luhn checksum every card number carries in its last digit. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The last four digits and the brand: all that is kept of a card. */
export function summarizeCard(card: Pick<Card, 'number'>): CardSummary {
  const brand = card.number.startsWith('4') ? 'visa' : card.number.startsWith('5') ? 'mastercard' : 'card';
  return { last4: card.number.slice(-4), brand };
}

/**
 * Card input checked at the edge. A card is valid to the end of its expiry month
 * (UTC), so a card expiring this month is still accepted.
 */
export function cardInput(now: () => Date = () => new Date()) {
  return z
    .object({
      number: z
        .string()
        .transform((value) => value.replace(/ /g, ''))
        .pipe(
          z
            .string()
            .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
            .refine(passesLuhn, 'is not a valid card number'),
        ),
      expMonth: z.number().int('must be a whole number').min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
      expYear: z
        .number()
        .int('must be a whole number')
        .min(1000, 'must be four digits')
        .max(9999, 'must be four digits'),
      cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
    })
    .check((context) => {
      const today = now();
      const [year, month] = [today.getUTCFullYear(), today.getUTCMonth() + 1];
      const { expYear, expMonth } = context.value;
      if (expYear < year) {
        context.issues.push({ code: 'custom', input: expYear, path: ['expYear'], message: 'the card has expired' });
      } else if (expYear === year && expMonth < month) {
        context.issues.push({ code: 'custom', input: expMonth, path: ['expMonth'], message: 'the card has expired' });
      }
    });
}
