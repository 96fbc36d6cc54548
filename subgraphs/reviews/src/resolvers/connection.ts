import { newestFirstCursor } from '@agora/postgres';
import { connectionRequest, connectionResolvers, type ConnectionArgs } from '@agora/subgraph-kit';
import type { ReviewConnectionResolvers } from '../__generated__/resolvers-types';
import type { ReviewOwner } from '../review.repository';
import type { ReviewConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names the list a connection is of. */
export function reviewConnection(owner: ReviewOwner, ownerId: string, args: ConnectionArgs): ReviewConnectionRequest {
  return { owner, ...connectionRequest(ownerId, args, newestFirstCursor) };
}

export const ReviewConnection: ReviewConnectionResolvers = connectionResolvers({
  rows: ({ owner, ownerId, after }, limit, { loaders }) =>
    owner === 'productId'
      ? loaders.productReviewPages.load({ productId: ownerId, limit, after })
      : loaders.authorReviewPages.load({ authorId: ownerId, limit, after }),
  cursorOf: newestFirstCursor.encode,
  totalCount: async ({ owner, ownerId }, { loaders }) =>
    owner === 'productId' ? (await loaders.productStats.load(ownerId)).count : loaders.authorReviewCount.load(ownerId),
});
