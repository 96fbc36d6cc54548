import { conflict } from '@agora/subgraph-kit';
import type { CartRepository } from './cart.repository';
import type { CartContents } from './db/schema';

/** A line a checkout ordered, and how many of its units. */
export interface OrderedLine {
  itemId: string;
  quantity: number;
}

const CHECKOUT_IN_PROGRESS = 'cart: a checkout of this cart is in progress';
const CHECKOUT_ALREADY_COMPLETED = 'cart: this checkout has already taken its lines out of the cart';

/**
 * The checkout lock: a cart is checked out by at most one checkout at a time, whatever
 * idempotency keys they carry, and a checkout takes out of the cart exactly what it
 * ordered. Orders' checkout begins (locks the cart and gets its lines), then completes
 * (takes out the ordered units) or releases (leaves the cart as it is). The lock lapses
 * after its time to live, so a checkout whose process died never holds a cart for
 * good. The shopper may change the cart meanwhile: what they add stays after the
 * checkout. Every step runs in one transaction that first locks the cart's row.
 */
export class CartCheckouts {
  constructor(private readonly carts: CartRepository) {}

  /**
   * Locks the user's cart for the checkout `checkoutKey` for `ttlSeconds` and answers
   * its lines and currency as they are now (none, and no lock, for a user without a
   * cart). The lock is taken when it is free, lapsed, or already this checkout's (two
   * identical checkouts racing each other both get the lines; orders keeps one order).
   * CONFLICT when another checkout holds the cart, or when this one already completed.
   */
  async begin(userId: string, checkoutKey: string, ttlSeconds: number): Promise<CartContents> {
    return this.carts.transaction(async (carts) => {
      const cart = await carts.lockCart(userId);
      if (!cart) return { currency: null, lines: [] };
      if (await carts.isCheckoutCompleted(cart.id, checkoutKey)) throw conflict(CHECKOUT_ALREADY_COMPLETED);
      if (cart.lockLive && cart.checkoutKey !== checkoutKey) throw conflict(CHECKOUT_IN_PROGRESS);
      await carts.holdForCheckout(cart.id, checkoutKey, ttlSeconds);
      return carts.contentsOf(userId);
    });
  }

  /**
   * Takes the ordered units out of the user's cart and frees it, if the checkout
   * `checkoutKey` holds it (a line removed meanwhile is skipped; one that reaches 0 is
   * deleted, and a cart left empty frees its currency; units added meanwhile stay).
   * Idempotent: once completed, calling it again changes nothing. A checkout whose lock
   * lapsed and was taken by another takes nothing out: the cart is the other checkout's now.
   */
  async complete(userId: string, checkoutKey: string, lines: readonly OrderedLine[]): Promise<void> {
    await this.carts.transaction(async (carts) => {
      const cart = await carts.lockCart(userId);
      if (!cart || !(await carts.recordCompletedCheckout(cart.id, checkoutKey))) return;
      if (cart.checkoutKey !== checkoutKey) return;
      await carts.subtractUnits(cart.id, lines);
      await carts.releaseCheckout(userId, checkoutKey);
      await carts.touch(userId);
    });
  }

  /** Frees the user's cart if the checkout `checkoutKey` holds it; the lines stay as they are. */
  async release(userId: string, checkoutKey: string): Promise<void> {
    await this.carts.releaseCheckout(userId, checkoutKey);
  }
}
