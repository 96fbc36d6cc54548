import { requireCaller, requireSelf, SERVICE_ROLE, type Caller } from '@agora/subgraph-kit';

/** The caller when they are the cart's owner: a user reads and changes only their own cart. */
export function requireCartOwner(caller: Caller | null, userId: string): Caller {
  return requireSelf(caller, userId, 'You may only see your own cart.');
}

/** Who may resolve a cart by its key: its owner, or another service calling as itself. */
export function requireCartReader(caller: Caller | null, userId: string): Caller {
  const signedIn = requireCaller(caller);
  if (signedIn.roles.includes(SERVICE_ROLE)) return signedIn;
  return requireCartOwner(signedIn, userId);
}
