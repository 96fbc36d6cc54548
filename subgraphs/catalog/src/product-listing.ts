import { pageSize, toConnection, type PageInfo } from '@agora/subgraph-kit';
import { subtreeIds, type CategoryRepository } from './category.repository';
import { productOrders, type ProductSort } from './product-order';
import type { ProductMatch, ProductRepository } from './product.repository';
import type { ProductDoc } from './store';

export interface ProductListingArgs {
  first?: number | null;
  after?: string | null;
  sort?: ProductSort | null;
  filter?: {
    categoryId?: string | null;
    brand?: string | null;
    minPrice?: number | null;
    maxPrice?: number | null;
  } | null;
}

export interface ProductConnectionModel {
  edges: { cursor: string; node: ProductDoc }[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for totalCount (a count can cost more than the page). */
  count: () => Promise<number>;
}

async function matchOf(categories: CategoryRepository, filter: ProductListingArgs['filter']): Promise<ProductMatch> {
  if (!filter) return {};
  return {
    ...(filter.categoryId == null ? {} : { categoryIds: subtreeIds(await categories.all(), filter.categoryId) }),
    ...(filter.brand == null ? {} : { brand: filter.brand }),
    ...(filter.minPrice == null ? {} : { minPrice: filter.minPrice }),
    ...(filter.maxPrice == null ? {} : { maxPrice: filter.maxPrice }),
  };
}

/**
 * One page of the product listing: arguments checked first (BAD_USER_INPUT), then a
 * keyset query, and a count with the same filter when totalCount is asked for,
 * whatever the page size.
 */
export async function listProducts(
  repositories: { products: ProductRepository; categories: CategoryRepository },
  args: ProductListingArgs,
): Promise<ProductConnectionModel> {
  const limit = pageSize(args.first);
  const sort = args.sort ?? 'NEWEST';
  const order = productOrders[sort];
  const after = args.after == null ? null : order.positionOf(args.after);
  const match = await matchOf(repositories.categories, args.filter);
  const rows = await repositories.products.page({ match, sort, after, limit });
  const connection = toConnection(rows, limit, order.cursorOf);
  return { edges: connection.edges, pageInfo: connection.pageInfo, count: () => repositories.products.count(match) };
}
