import { requireSelf } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { notificationConnection } from './connection';

export const User: UserResolvers = {
  notifications: (user, args, { caller }) => {
    requireSelf(caller, user.id, 'Only the user themself may read their notifications.');
    return notificationConnection(user.id, args);
  },
};
