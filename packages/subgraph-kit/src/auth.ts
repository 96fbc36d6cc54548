import { forbidden, unauthenticated } from './errors';
import type { Caller } from './identity';

export const ADMIN_ROLE = 'admin';

/** The signed-in caller, or UNAUTHENTICATED. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw unauthenticated();
  return caller;
}

/** The signed-in caller holding `role`, or UNAUTHENTICATED / FORBIDDEN. */
export function requireRole(caller: Caller | null, role: string): Caller {
  const signedIn = requireCaller(caller);
  if (!signedIn.roles.includes(role)) throw forbidden(`This needs the ${role} role.`);
  return signedIn;
}

export function isAdmin(caller: Caller | null): boolean {
  return caller?.roles.includes(ADMIN_ROLE) ?? false;
}

/**
 * Whether `caller` is the user `userId` themself or an admin: who may read a user's
 * private fields (e-mail address, roles). False for anonymous callers.
 */
export function isSelfOrAdmin(caller: Caller | null, userId: string): boolean {
  return caller?.userId === userId || isAdmin(caller);
}

/**
 * The signed-in caller when they are the user `userId` themself: the one check for a
 * user's own data (their cart, orders, notifications, recommendations). UNAUTHENTICATED
 * without a caller; FORBIDDEN with `refusal` for anyone else, admins and services
 * included. Fields it guards on another subgraph's entity must be nullable, so that a
 * refusal nulls the field and not the response.
 */
export function requireSelf(caller: Caller | null, userId: string, refusal: string): Caller {
  const signedIn = requireCaller(caller);
  if (signedIn.userId !== userId) throw forbidden(refusal);
  return signedIn;
}
