import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ShippingAddress } from '../db/schema';

const required = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

const addressInput = z.object({
  name: required(200),
  line1: required(200),
  line2: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .nullish()
    .transform((line) => (line ? line : null)),
  city: required(100),
  postalCode: required(20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code in upper case (e.g. DE)'),
});

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

const cardInput = z
  .object({
    // People type spaces and dashes; payments gets the digits only.
    cardNumber: z
      .string()
      .transform((number) => number.replace(/[\s-]/g, ''))
      .pipe(
        z
          .string()
          .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
          .refine(passesLuhn, 'is not a valid card number'),
      ),
    expMonth: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be between 1 and 12')
      .max(12, 'must be between 1 and 12'),
    expYear: z
      .number()
      .int('must be a whole number')
      .min(2000, 'must be a four-digit year')
      .max(2199, 'must be a four-digit year'),
    cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  })
  .superRefine((card, context) => {
    // A card is valid through the last day of its expiry month.
    const now = new Date();
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    if (card.expYear < year) context.addIssue({ code: 'custom', path: ['expYear'], message: 'the card has expired' });
    else if (card.expYear === year && card.expMonth < month) {
      context.addIssue({ code: 'custom', path: ['expMonth'], message: 'the card has expired' });
    }
  });

/** `checkout(input)` as the edge accepts it (names the wrong field, e.g. `input.shippingAddress.city`). */
export const checkoutInput = z.object({
  idempotencyKey: z.string().min(8, 'must be at least 8 characters').max(100, 'must be at most 100 characters'),
  shippingAddress: addressInput,
  payment: cardInput,
});

export type CheckoutInput = z.infer<typeof checkoutInput>;

/** The address as the order keeps it. */
export function shippingAddressOf(input: CheckoutInput): ShippingAddress {
  const { name, line1, line2, city, postalCode, country } = input.shippingAddress;
  return { name, line1, line2, city, postalCode, country };
}

/**
 * What identifies a checkout request for its idempotency key: the address and the
 * card without its secrets (last 4 digits and expiry, never the full number or the
 * CVC, which must not be stored even hashed: 16 digits hash back by brute force).
 */
export function requestHash(input: CheckoutInput): string {
  const { cardNumber, expMonth, expYear } = input.payment;
  const canonical = JSON.stringify({
    shippingAddress: shippingAddressOf(input),
    card: { last4: cardNumber.slice(-4), expMonth, expYear },
  });
  return createHash('sha256').update(canonical).digest('hex');
}
