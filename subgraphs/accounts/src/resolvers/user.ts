import { forbidden, isAdmin, SERVICE_ROLE } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.user.load(reference.id),
  email: (user, _args, { caller }) => {
    // A service calling as itself may too: notifications mails users about their orders.
    const isService = caller?.roles.includes(SERVICE_ROLE) ?? false;
    if (user.signedInByThisResponse || caller?.userId === user.id || isAdmin(caller) || isService) return user.email;
    throw forbidden("Only the user themself, an admin or a service may read a user's e-mail address.");
  },
  createdAt: (user) => user.createdAt.toISOString(),
};
