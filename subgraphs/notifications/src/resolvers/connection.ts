import { newestFirstCursor } from '@agora/postgres';
import { connectionRequest, connectionResolvers, type ConnectionArgs } from '@agora/subgraph-kit';
import type { NotificationConnectionResolvers } from '../__generated__/resolvers-types';
import type { NotificationConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names whose notifications (a user id) a connection lists. */
export function notificationConnection(userId: string, args: ConnectionArgs): NotificationConnectionRequest {
  return connectionRequest(userId, args, newestFirstCursor);
}

export const NotificationConnection: NotificationConnectionResolvers = connectionResolvers({
  rows: (request, limit, { loaders }) =>
    loaders.notificationPages.load({ userId: request.ownerId, limit, after: request.after }),
  cursorOf: newestFirstCursor.encode,
  totalCount: (request, { loaders }) => loaders.notificationCount.load(request.ownerId),
});
