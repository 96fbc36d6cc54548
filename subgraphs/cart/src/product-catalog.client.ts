import { serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { CatalogProduct, ProductCatalog } from './product-catalog';

export interface ProductCatalogClientOptions {
  /** The catalog subgraph's GraphQL URL. */
  catalogUrl: string;
  /** The inventory subgraph's GraphQL URL. */
  inventoryUrl: string;
  /** The router's identity secret: the cart calls as the `service:cart` service. */
  identitySecret: string;
  timeoutMs?: number;
}

/** Entity lookups by key: one request for any number of products. */
const CATALOG_PRODUCTS = `query CartProducts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id name price { amount currency } deletedAt } }
}`;

const INVENTORY_QUANTITIES = `query CartStock($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id availableQuantity } }
}`;

const catalogAnswer = z.object({
  _entities: z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        price: z.object({ amount: z.number().int(), currency: z.string() }),
        deletedAt: z.string().nullable(),
      })
      .nullable(),
  ),
});

const inventoryAnswer = z.object({
  _entities: z.array(z.object({ id: z.string(), availableQuantity: z.number().int() }).nullable()),
});

function representations(ids: readonly string[]): { __typename: 'Product'; id: string }[] {
  return ids.map((id) => ({ __typename: 'Product', id }));
}

/** Entities come back in the order of the representations; matching by id guards against a callee that does not. */
function inOrder<T extends { id: string }>(ids: readonly string[], entities: readonly (T | null)[]): (T | null)[] {
  const byId = new Map(entities.flatMap((entity) => (entity ? [[entity.id, entity] as const] : [])));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The catalog and inventory subgraphs, asked directly (not through the router) as the cart service. */
export function productCatalogClient(options: ProductCatalogClientOptions): ProductCatalog {
  const settings = { identitySecret: options.identitySecret, timeoutMs: options.timeoutMs ?? 3_000 };
  const catalog = new SubgraphClient({ url: options.catalogUrl, ...settings });
  const inventory = new SubgraphClient({ url: options.inventoryUrl, ...settings });
  const caller = serviceCaller('cart');
  return {
    async products(ids, requestId) {
      if (ids.length === 0) return [];
      const data = await catalog.request(
        CATALOG_PRODUCTS,
        { representations: representations(ids) },
        {
          caller,
          requestId,
        },
      );
      // A product removed from sale is a tombstone in the catalog: it still resolves, with deletedAt set.
      const products = catalogAnswer
        .parse(data)
        ._entities.map((product) =>
          product
            ? { id: product.id, name: product.name, price: product.price, removed: product.deletedAt !== null }
            : null,
        );
      return inOrder<CatalogProduct>(ids, products);
    },
    async availableQuantities(ids, requestId) {
      if (ids.length === 0) return [];
      const data = await inventory.request(
        INVENTORY_QUANTITIES,
        { representations: representations(ids) },
        {
          caller,
          requestId,
        },
      );
      return inOrder(ids, inventoryAnswer.parse(data)._entities).map((entity) => entity?.availableQuantity ?? 0);
    },
  };
}
