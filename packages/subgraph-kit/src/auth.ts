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

/**
 * The caller when it is one of the services `allowed` calling as itself (signed with its
 * own key, see `Caller.service`): the check of an internal operation, e.g.
 * `requireService(caller, ['orders'])` for cart's checkout mutations. UNAUTHENTICATED
 * (`This operation is for services only.`) for anyone not a service, users holding a
 * `service` role included; FORBIDDEN naming the caller for another service.
 */
export function requireService(caller: Caller | null, allowed: readonly string[]): Caller & { service: string } {
  const service = caller?.service;
  if (!caller || service === undefined) throw unauthenticated('This operation is for services only.');
  if (!allowed.includes(service)) {
    throw forbidden(`The ${service} service may not call this operation (only ${allowed.join(', ')}).`);
  }
  return { ...caller, service };
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
  /**
   * Other subgraphs calling as themselves with their own key (`Caller.service`, see
   * serviceCaller) pass too: true for any, or only the services listed.
   */
  service?: boolean | readonly string[];
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
    (caller.service !== undefined &&
      (check.service === true || (Array.isArray(check.service) && check.service.includes(caller.service))))
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
