import { forbidden, isAdmin } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.user.load(reference.id),
  email: (user, _args, { caller }) => {
    if (user.signedInByThisResponse || caller?.userId === user.id || isAdmin(caller)) return user.email;
    throw forbidden("Only the user themself or an admin may read a user's e-mail address.");
  },
  createdAt: (user) => user.createdAt.toISOString(),
};
