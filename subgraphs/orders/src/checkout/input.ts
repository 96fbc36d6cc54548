import { createHash } from 'node:crypto';
import { payments } from '@agora/contracts';
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

/** `checkout(input)` as the edge accepts it (names the wrong field, e.g. `input.shippingAddress.city`). */
export const checkoutInput = z.object({
  idempotencyKey: z.string().min(8, 'must be at least 8 characters').max(100, 'must be at most 100 characters'),
  shippingAddress: addressInput,
  // The card rule payments checks too, from the payments contract: `cardNumber` comes out as digits only.
  payment: payments.cardSchema(),
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
