import { forbidden, requireRole, SERVICE_ROLE, serviceCaller, type Caller } from '@agora/subgraph-kit';

const ROUTER = serviceCaller('router').userId;

/**
 * The caller when it is the router calling as itself (`serviceCaller('router')`):
 * UNAUTHENTICATED without a caller, FORBIDDEN for users and for other services. The one
 * check of the router-only operations (sessionRevocations).
 */
export function requireRouter(caller: Caller | null): Caller {
  const service = requireRole(caller, SERVICE_ROLE);
  if (service.userId !== ROUTER) throw forbidden('Only the router may ask for this.');
  return service;
}
