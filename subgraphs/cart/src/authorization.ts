import { requireOwnerOr, requireSelf, type Caller } from '@agora/subgraph-kit';

const NOT_YOUR_CART = 'You may only see your own cart.';

/** The caller when they are the cart's owner: a user reads and changes only their own cart. */
export function requireCartOwner(caller: Caller | null, userId: string): Caller {
  return requireSelf(caller, userId, NOT_YOUR_CART);
}

/** The services that may read any cart and hold its checkout lock: orders' checkout. */
export const CHECKOUT_SERVICES = ['orders'] as const;

/** Who may resolve a cart by its key: its owner, or the orders service calling as itself. */
export function requireCartReader(caller: Caller | null, userId: string): Caller {
  return requireOwnerOr(caller, userId, { service: CHECKOUT_SERVICES }, NOT_YOUR_CART);
}
