import { entitiesOf } from '../entities';
import type { ProductSaleStatesQuery } from './__generated__/operations';

export * from './__generated__/operations';

/**
 * The products of a `ProductSaleStates` answer that the catalog sells now: it knows
 * them (an unknown id resolves to null) and has not removed them from sale (a removed
 * product resolves to its tombstone, `deletedAt` set). What inventory checks before
 * setting stock and reviews before taking a review.
 */
export function onSaleIds(data: ProductSaleStatesQuery): Set<string> {
  const products = entitiesOf('Product', data._entities);
  return new Set(products.flatMap((product) => (product?.deletedAt === null ? [product.id] : [])));
}
