import { SERVICE_ROLE } from './client';
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
 * Who besides a thing's owner passes an ownership check. Both default to false, so
 * `{}` means the owner alone (as requireSelf).
 */
export interface OwnerCheck {
  /** Callers holding ADMIN_ROLE pass too. */
  admin?: boolean;
  /** Other subgraphs calling as themselves (SERVICE_ROLE, see serviceCaller) pass too. */
  service?: boolean;
}

/**
 * Whether `caller` may act on something owned by the user `ownerId`: they are that
 * user, or an admin / a service when `check` lets those in. The one ownership rule,
 * e.g. `isOwnerOr(caller, order.userId, { admin: true, service: true })` for who may
 * read an order. False for anonymous callers.
 */
export function isOwnerOr(caller: Caller | null, ownerId: string, check: OwnerCheck): boolean {
  if (!caller) return false;
  return (
    caller.userId === ownerId ||
    (check.admin === true && isAdmin(caller)) ||
    (check.service === true && caller.roles.includes(SERVICE_ROLE))
  );
}

/**
 * The signed-in caller when isOwnerOr lets them act on what the user `ownerId` owns.
 * UNAUTHENTICATED (`You must be logged in to do this.`) without a caller; FORBIDDEN
 * with `refusal` for anyone else.
 */
export function requireOwnerOr(caller: Caller | null, ownerId: string, check: OwnerCheck, refusal: string): Caller {
  const signedIn = requireCaller(caller);
  if (!isOwnerOr(signedIn, ownerId, check)) throw forbidden(refusal);
  return signedIn;
}

/**
 * The signed-in caller when they are the user `userId` themself: the one check for a
 * user's own data (their cart, orders, notifications, recommendations). UNAUTHENTICATED
 * without a caller; FORBIDDEN with `refusal` for anyone else, admins and services
 * included. Fields it guards on another subgraph's entity must be nullable, so that a
 * refusal nulls the field and not the response.
 */
export function requireSelf(caller: Caller | null, userId: string, refusal: string): Caller {
  return requireOwnerOr(caller, userId, {}, refusal);
}
