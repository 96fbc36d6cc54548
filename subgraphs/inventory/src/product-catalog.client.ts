import { catalog, representationsOf } from '@agora/contracts';
import { type BreakerSettings, type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { ProductCatalog } from './product-catalog';

export interface ProductCatalogClientOptions {
  /** The catalog subgraph's GraphQL URL. */
  catalogUrl: string;
  /** Inventory's own signer: it calls as the `inventory` service. */
  signer: IdentitySigner;
  timeoutMs?: number;
  /** The circuit breaker of each callee (DEFAULT_BREAKER when not given). */
  breaker?: BreakerSettings;
}

/**
 * The catalog subgraph, asked directly (not through the router) as the inventory
 * service, in one entity lookup for any number of products. An id the catalog does
 * not know resolves to null, and a deleted product to its tombstone (`deletedAt` set):
 * neither is offered.
 */
export function productCatalogClient(options: ProductCatalogClientOptions): ProductCatalog {
  const client = new SubgraphClient({
    url: options.catalogUrl,
    name: 'catalog',
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
    breaker: options.breaker,
  });
  const caller = serviceCaller('inventory');
  return {
    async offeredIds(ids, scope) {
      if (ids.length === 0) return new Set();
      const data = await client.request(
        catalog.ProductSaleStatesDocument,
        { representations: representationsOf('Product', ids) },
        { caller, ...scope },
      );
      return catalog.onSaleIds(data);
    },
  };
}
