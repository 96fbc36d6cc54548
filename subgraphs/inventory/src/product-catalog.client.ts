import { serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { ProductCatalog } from './product-catalog';

export interface ProductCatalogClientOptions {
  /** The catalog subgraph's GraphQL URL. */
  catalogUrl: string;
  /** The router's identity secret: inventory calls as the `service:inventory` service. */
  identitySecret: string;
  timeoutMs?: number;
}

/** An entity lookup by key: one request for any number of products; null for an id the catalog does not know. */
const CATALOG_PRODUCTS = `query InventoryProducts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id deletedAt } }
}`;

/** A product the catalog answers with `deletedAt` set (a tombstone of a deleted product) is not offered either. */
const catalogAnswer = z.object({
  _entities: z.array(z.object({ id: z.string(), deletedAt: z.string().nullable() }).nullable()),
});

/** The catalog subgraph, asked directly (not through the router) as the inventory service. */
export function productCatalogClient(options: ProductCatalogClientOptions): ProductCatalog {
  const catalog = new SubgraphClient({
    url: options.catalogUrl,
    identitySecret: options.identitySecret,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  const caller = serviceCaller('inventory');
  return {
    async offeredIds(ids, requestId) {
      if (ids.length === 0) return new Set();
      const representations = ids.map((id) => ({ __typename: 'Product', id }));
      const data = await catalog.request(CATALOG_PRODUCTS, { representations }, { caller, requestId });
      const products = catalogAnswer.parse(data)._entities;
      return new Set(products.flatMap((product) => (product?.deletedAt === null ? [product.id] : [])));
    },
  };
}
