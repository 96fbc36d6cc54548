import { newestFirstCursor } from '@agora/postgres';
import { connectionRequest, connectionResolvers, type ConnectionArgs } from '@agora/subgraph-kit';
import type { OrderConnectionResolvers } from '../__generated__/resolvers-types';
import type { OrderConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names whose orders (a user id) a connection lists. */
export function orderConnection(userId: string, args: ConnectionArgs): OrderConnectionRequest {
  return connectionRequest(userId, args, newestFirstCursor);
}

export const OrderConnection: OrderConnectionResolvers = connectionResolvers({
  rows: (request, limit, { loaders }) =>
    loaders.orderPages.load({ userId: request.ownerId, limit, after: request.after }),
  cursorOf: newestFirstCursor.encode,
  totalCount: (request, { loaders }) => loaders.orderCount.load(request.ownerId),
});
