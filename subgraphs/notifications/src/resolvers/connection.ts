import { newestFirstCursor } from '@agora/postgres';
import { pageSize, toConnection } from '@agora/subgraph-kit';
import type { NotificationConnectionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { NotificationConnectionRequest } from './mappers';

/** Checks `first` / `after` at the edge and names whose notifications a connection lists. */
export function notificationConnection(
  userId: string,
  args: { first?: number | null; after?: string | null },
): NotificationConnectionRequest {
  return {
    userId,
    first: pageSize(args.first),
    after: args.after == null ? null : newestFirstCursor.decode(args.after),
  };
}

/** One row more than asked, so the page knows whether another follows. */
async function loadPage(request: NotificationConnectionRequest, { loaders }: Context) {
  const rows = await loaders.notificationPages.load({
    userId: request.userId,
    limit: request.first + 1,
    after: request.after,
  });
  return toConnection(rows, request.first, newestFirstCursor.encode);
}

export const NotificationConnection: NotificationConnectionResolvers = {
  edges: async (request, _args, context) => (await loadPage(request, context)).edges,
  pageInfo: async (request, _args, context) => (await loadPage(request, context)).pageInfo,
  totalCount: (request, _args, { loaders }) => loaders.notificationCount.load(request.userId),
};
