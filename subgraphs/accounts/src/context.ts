import type { BaseContext } from '@agora/subgraph-kit';
import type { AuthService } from './auth.service';
import { createLoaders, type Loaders } from './loaders';
import type { SessionRevocations } from './session-revocations';
import type { UserRepository } from './user.repository';

export interface Context extends BaseContext {
  auth: AuthService;
  loaders: Loaders;
  revocations: SessionRevocations;
}

/** Builds the per-request context factory over the service's long-lived parts. */
export function contextFactory(
  users: UserRepository,
  auth: AuthService,
  revocations: SessionRevocations,
): (base: BaseContext) => Context {
  return (base) => ({ ...base, auth, revocations, loaders: createLoaders(users) });
}
