import { z } from 'zod';

/**
 * The largest amount of money Agora computes or accepts, in minor units:
 * 100,000,000 (1,000,000.00 in a two-decimal currency). It bounds every unit price
 * (catalog), line total and subtotal (cart), order total and line (orders) and
 * payment (payments), the same in every service, for two reasons:
 *
 * - Amounts travel as GraphQL `Int` and are stored as PostgreSQL `integer`, both
 *   signed 32-bit (at most 2,147,483,647). A bound well inside that range means no
 *   amount Agora shows can overflow, and a sum of two bounded amounts is still exact
 *   before it is checked.
 * - What one service accepts, the next one in the purchase accepts too: a cart the
 *   cart service lets through is one that checkout can place and payments can take.
 *
 * A change that would take an amount over the bound is refused before anything is
 * written (BAD_USER_INPUT naming the field that causes it).
 */
export const MAX_MONEY_AMOUNT = 100_000_000;

/** True when `amount` is a whole number of minor units from 0 to MAX_MONEY_AMOUNT. */
export function isMoneyAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_MONEY_AMOUNT;
}

/**
 * An amount in minor units as inputs accept it: a whole number from 0 to
 * MAX_MONEY_AMOUNT (with `parseInput`, a wrong one is BAD_USER_INPUT naming the field,
 * e.g. `input.price.amount: must be at most 100000000`).
 */
export const moneyAmount = z
  .number()
  .int('must be a whole number of minor units')
  .min(0, 'must not be negative')
  .max(MAX_MONEY_AMOUNT, `must be at most ${MAX_MONEY_AMOUNT}`);
