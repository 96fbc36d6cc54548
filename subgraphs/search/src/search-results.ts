import { pageSize, toConnection, type PageInfo } from '@agora/subgraph-kit';
import type { ProductRef } from './resolvers/mappers';
import { decodeSearchCursor, encodeSearchCursor, prefixTsQuery } from './search-query';
import type { SearchFilter, SearchRepository } from './search.repository';

export interface SearchArgs {
  query: string;
  first?: number | null;
  after?: string | null;
  filter?: {
    categoryId?: string | null;
    brand?: string | null;
    minPrice?: number | null;
    maxPrice?: number | null;
  } | null;
}

export interface SearchConnectionModel {
  edges: { cursor: string; node: ProductRef }[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for totalCount (a count can cost more than the page). */
  count: () => Promise<number>;
}

function filterOf(filter: SearchArgs['filter']): SearchFilter {
  if (!filter) return {};
  return {
    ...(filter.categoryId == null ? {} : { categoryId: filter.categoryId }),
    ...(filter.brand == null ? {} : { brand: filter.brand }),
    ...(filter.minPrice == null ? {} : { minPrice: filter.minPrice }),
    ...(filter.maxPrice == null ? {} : { maxPrice: filter.maxPrice }),
  };
}

/**
 * One page of search results by relevance: arguments checked first (BAD_USER_INPUT),
 * then a keyset query on (rank, similarity, id). Nodes are product references: the
 * catalog resolves their fields.
 */
export async function searchProducts(search: SearchRepository, args: SearchArgs): Promise<SearchConnectionModel> {
  const tsQuery = prefixTsQuery(args.query);
  const limit = pageSize(args.first);
  const after = args.after == null ? null : decodeSearchCursor(args.after);
  const request = { text: args.query.trim(), tsQuery, filter: filterOf(args.filter) };
  const hits = await search.page({ ...request, after, limit });
  const connection = toConnection(hits, limit, encodeSearchCursor);
  return {
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: { id: edge.node.productId } })),
    pageInfo: connection.pageInfo,
    count: () => search.count(request),
  };
}
