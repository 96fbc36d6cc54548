import { isoTimestamp, isoTimestampOrNull } from '@agora/subgraph-kit';
import type { NotificationResolvers } from '../__generated__/resolvers-types';
import { canSee } from '../notification.service';

export const Notification: NotificationResolvers = {
  // Only its owner resolves a notification by key; for anyone else it does not exist.
  __resolveReference: async (reference, { caller, loaders }) => {
    const notification = await loaders.notificationById.load(reference.id);
    return notification && canSee(caller, notification) ? notification : null;
  },
  createdAt: (notification) => isoTimestamp(notification.createdAt),
  readAt: (notification) => isoTimestampOrNull(notification.readAt),
};
