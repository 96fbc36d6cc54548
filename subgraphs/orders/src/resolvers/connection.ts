import { newestFirstCursor } from '@agora/postgres';
import { pageSize, toConnection } from '@agora/subgraph-kit';
import type { OrderConnectionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { OrderConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names whose orders a connection lists. */
export function orderConnection(
  userId: string,
  args: { first?: number | null; after?: string | null },
): OrderConnectionRequest {
  return {
    userId,
    first: pageSize(args.first),
    after: args.after == null ? null : newestFirstCursor.decode(args.after),
  };
}

/** One row more than asked, so the page knows whether another follows. */
async function loadPage(request: OrderConnectionRequest, { loaders }: Context) {
  const rows = await loaders.orderPages.load({
    userId: request.userId,
    limit: request.first + 1,
    after: request.after,
  });
  return toConnection(rows, request.first, newestFirstCursor.encode);
}

export const OrderConnection: OrderConnectionResolvers = {
  edges: async (request, _args, context) => (await loadPage(request, context)).edges,
  pageInfo: async (request, _args, context) => (await loadPage(request, context)).pageInfo,
  totalCount: (request, _args, { loaders }) => loaders.orderCount.load(request.userId),
};
