import { catalog, entitiesOf, inventory, representationsOf } from '@agora/contracts';
import { type BreakerSettings, type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { CatalogProduct, ProductCatalog } from './product-catalog';

export interface ProductCatalogClientOptions {
  /** The catalog subgraph's GraphQL URL. */
  catalogUrl: string;
  /** The inventory subgraph's GraphQL URL. */
  inventoryUrl: string;
  /** Cart's own signer: the cart calls as the `cart` service. */
  signer: IdentitySigner;
  timeoutMs?: number;
  /** The circuit breaker of each callee (DEFAULT_BREAKER when not given). */
  breaker?: BreakerSettings;
}

/** Entities come back in the order of the representations; matching by id guards against a callee that does not. */
function inOrder<T extends { id: string }>(ids: readonly string[], entities: readonly (T | null)[]): (T | null)[] {
  const byId = new Map(entities.flatMap((entity) => (entity ? [[entity.id, entity] as const] : [])));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The catalog and inventory subgraphs, asked directly (not through the router) as the cart service. */
export function productCatalogClient(options: ProductCatalogClientOptions): ProductCatalog {
  const settings = {
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
    breaker: options.breaker,
  };
  const catalogClient = new SubgraphClient({ url: options.catalogUrl, name: 'catalog', ...settings });
  const inventoryClient = new SubgraphClient({ url: options.inventoryUrl, name: 'inventory', ...settings });
  const caller = serviceCaller('cart');
  return {
    async products(ids, scope) {
      if (ids.length === 0) return [];
      const data = await catalogClient.request(
        catalog.ProductOffersDocument,
        { representations: representationsOf('Product', ids) },
        { caller, ...scope },
      );
      // A product removed from sale is a tombstone in the catalog: it still resolves, with deletedAt set.
      const products = entitiesOf('Product', data._entities).map((product) =>
        product
          ? { id: product.id, name: product.name, price: product.price, removed: product.deletedAt !== null }
          : null,
      );
      return inOrder<CatalogProduct>(ids, products);
    },
    async availableQuantities(ids, scope) {
      if (ids.length === 0) return [];
      const data = await inventoryClient.request(
        inventory.ProductStockDocument,
        { representations: representationsOf('Product', ids) },
        { caller, ...scope },
      );
      return inOrder(ids, entitiesOf('Product', data._entities)).map((entity) => entity?.availableQuantity ?? 0);
    },
  };
}
