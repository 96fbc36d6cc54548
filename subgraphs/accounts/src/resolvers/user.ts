import { forbidden, isOwnerOr, isoTimestamp, type Caller, type OwnerCheck } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';
import type { UserModel } from './mappers';

/** The user themself (also while this response signs them in), or whoever `check` lets in. */
function mayRead(user: UserModel, caller: Caller | null, check: OwnerCheck): boolean {
  return user.signedInByThisResponse === true || isOwnerOr(caller, user.id, check);
}

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.user.load(reference.id),
  email: (user, _args, { caller }) => {
    // So may the notifications service calling as itself: it mails users about their orders.
    if (mayRead(user, caller, { admin: true, service: ['notifications'] })) return user.email;
    throw forbidden("Only the user themself, an admin or the notifications service may read a user's e-mail address.");
  },
  // No service needs another user's roles: the router reads the caller's own from their token.
  roles: (user, _args, { caller }) => {
    if (mayRead(user, caller, { admin: true })) return user.roles;
    throw forbidden("Only the user themself or an admin may read a user's roles.");
  },
  createdAt: (user) => isoTimestamp(user.createdAt),
};
