import { requireSelf } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { orderConnection } from './connection';

export const User: UserResolvers = {
  orders: (user, args, { caller }) => {
    requireSelf(caller, user.id, 'Only the user themself may read their orders.');
    return orderConnection(user.id, args);
  },
};
