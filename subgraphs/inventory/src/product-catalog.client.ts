import { catalog, representationsOf } from '@agora/contracts';
import { type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { ProductCatalog } from './product-catalog';

export interface ProductCatalogClientOptions {
  /** The catalog subgraph's GraphQL URL. */
  catalogUrl: string;
  /** Inventory's own signer: it calls as the `inventory` service. */
  signer: IdentitySigner;
  timeoutMs?: number;
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
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  const caller = serviceCaller('inventory');
  return {
    async offeredIds(ids, requestId) {
      if (ids.length === 0) return new Set();
      const data = await client.request(
        catalog.ProductSaleStatesDocument,
        { representations: representationsOf('Product', ids) },
        { caller, requestId },
      );
      return catalog.onSaleIds(data);
    },
  };
}
