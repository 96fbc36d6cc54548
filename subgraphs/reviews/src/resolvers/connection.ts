import { newestFirstCursor } from '@agora/postgres';
import { pageSize, toConnection } from '@agora/subgraph-kit';
import type { ReviewConnectionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { ReviewOwner } from '../review.repository';
import type { ReviewConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names the list a connection is of. */
export function reviewConnection(
  owner: ReviewOwner,
  ownerId: string,
  args: { first?: number | null; after?: string | null },
): ReviewConnectionRequest {
  return {
    owner,
    ownerId,
    first: pageSize(args.first),
    after: args.after == null ? null : newestFirstCursor.decode(args.after),
  };
}

/** One row more than asked, so the page knows whether another follows. */
async function loadPage(request: ReviewConnectionRequest, { loaders }: Context) {
  const rows = await loaders.reviewPages.load({
    owner: request.owner,
    ownerId: request.ownerId,
    limit: request.first + 1,
    after: request.after,
  });
  return toConnection(rows, request.first, newestFirstCursor.encode);
}

export const ReviewConnection: ReviewConnectionResolvers = {
  edges: async (request, _args, context) => (await loadPage(request, context)).edges,
  pageInfo: async (request, _args, context) => (await loadPage(request, context)).pageInfo,
  totalCount: async (request, _args, { loaders }) =>
    request.owner === 'productId'
      ? (await loaders.productStats.load(request.ownerId)).count
      : loaders.authorReviewCount.load(request.ownerId),
};
