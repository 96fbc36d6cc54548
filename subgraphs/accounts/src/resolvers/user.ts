import { forbidden, isoTimestamp, isSelfOrAdmin, SERVICE_ROLE, type Caller } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';
import type { UserModel } from './mappers';

/** The user themself (also while this response signs them in) or an admin. */
function isOwnOrAdmin(user: UserModel, caller: Caller | null): boolean {
  return user.signedInByThisResponse === true || isSelfOrAdmin(caller, user.id);
}

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.user.load(reference.id),
  email: (user, _args, { caller }) => {
    // A service calling as itself may too: notifications mails users about their orders.
    const isService = caller?.roles.includes(SERVICE_ROLE) ?? false;
    if (isOwnOrAdmin(user, caller) || isService) return user.email;
    throw forbidden("Only the user themself, an admin or a service may read a user's e-mail address.");
  },
  // No service needs another user's roles: the router reads the caller's own from their token.
  roles: (user, _args, { caller }) => {
    if (isOwnOrAdmin(user, caller)) return user.roles;
    throw forbidden("Only the user themself or an admin may read a user's roles.");
  },
  createdAt: (user) => isoTimestamp(user.createdAt),
};
