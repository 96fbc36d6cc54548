import { catalog, entitiesOf, representationsOf } from '@agora/contracts';
import { serviceCaller, type SubgraphClient } from '@agora/subgraph-kit';
import type { CatalogPort } from '../checkout/ports';

/** The catalog, asked for product names by entity key (unknown products resolve to null). */
export function catalogClient(client: SubgraphClient): CatalogPort {
  return {
    async productNames(productIds, scope) {
      if (productIds.length === 0) return new Map();
      const data = await client.request(
        catalog.ProductNamesDocument,
        { representations: representationsOf('Product', productIds) },
        { caller: serviceCaller('orders'), ...scope },
      );
      const products = entitiesOf('Product', data._entities);
      return new Map(products.flatMap((product) => (product ? [[product.id, product.name] as const] : [])));
    },
  };
}
