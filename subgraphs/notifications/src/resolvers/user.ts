import type { UserResolvers } from '../__generated__/resolvers-types';
import { requireSelf } from '../notification.service';
import { notificationConnection } from './connection';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  notifications: (user, args, { caller }) => {
    requireSelf(caller, user.id);
    return notificationConnection(user.id, args);
  },
};
