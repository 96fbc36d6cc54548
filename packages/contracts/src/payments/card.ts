import { z } from 'zod';

/** The Luhn checksum every card number carries in its last digit; `digits` holds digits only. */
export function passesLuhn(digits: string): boolean {
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

/** What people type between the groups of a card number: spaces (any whitespace) and dashes. */
const SEPARATORS = /[\s-]/g;

const between1And12 = 'must be between 1 and 12';
const fourDigitYear = 'must be a four-digit year';

/**
 * The card rule, the one both orders' public `checkout` (`input.payment`) and payments'
 * internal `authorizePayment` (`input.card`) check, as a zod object schema whose issues
 * name the field (`cardNumber`, `expMonth`, `expYear`, `cvc`):
 *
 * - `cardNumber`: 12 to 19 digits passing the Luhn check; spaces, other whitespace and
 *   dashes between them are dropped, so the parsed number is digits only
 *   (`must be 12 to 19 digits`, `is not a valid card number`).
 * - `expMonth`: a whole number from 1 to 12; `expYear`: a whole number from 2000 to 2199
 *   (`must be a four-digit year`).
 * - The card is valid through the last day of its expiry month, in UTC, at `now()`: an
 *   earlier year is `expYear: the card has expired`, an earlier month of this year
 *   `expMonth: the card has expired`.
 * - `cvc`: 3 or 4 digits.
 *
 * `now` is read at each parse (tests pass a fixed clock).
 */
export function cardSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      cardNumber: z
        .string()
        .transform((typed) => typed.replace(SEPARATORS, ''))
        .pipe(
          z
            .string()
            .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
            .refine(passesLuhn, 'is not a valid card number'),
        ),
      expMonth: z.number().int('must be a whole number').min(1, between1And12).max(12, between1And12),
      expYear: z.number().int('must be a whole number').min(2000, fourDigitYear).max(2199, fourDigitYear),
      cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
    })
    .superRefine((card, context) => {
      const today = now();
      const [year, month] = [today.getUTCFullYear(), today.getUTCMonth() + 1];
      if (card.expYear < year) context.addIssue({ code: 'custom', path: ['expYear'], message: 'the card has expired' });
      else if (card.expYear === year && card.expMonth < month) {
        context.addIssue({ code: 'custom', path: ['expMonth'], message: 'the card has expired' });
      }
    });
}

/** A card that passed `cardSchema`: `cardNumber` is digits only. */
export type Card = z.output<ReturnType<typeof cardSchema>>;
