import { requireCaller } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  markNotificationRead: async (_parent, args, { caller, notifications, loaders }) => {
    const notification = await notifications.markRead(requireCaller(caller), args.id);
    loaders.notificationById.clear(notification.id).prime(notification.id, notification);
    return notification;
  },
};
