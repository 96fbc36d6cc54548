import { catalog, representationsOf } from '@agora/contracts';
import { type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { ProductDirectory } from './product-directory';

export interface CatalogProductDirectoryOptions {
  /** The catalog subgraph's GraphQL URL (called directly, not through the router). */
  catalogUrl: string;
  /** Reviews' own signer: it calls as the `reviews` service. */
  signer: IdentitySigner;
  /** A review must not wait on a slow catalog for long: fail and let the client retry (3000 ms). */
  timeoutMs?: number;
}

/**
 * The catalog subgraph as the directory, asked in one entity lookup by key. The catalog
 * resolves an unknown product reference to null, and a product removed from sale to its
 * tombstone (with `deletedAt`): neither may be reviewed.
 */
export function catalogProductDirectory(options: CatalogProductDirectoryOptions): ProductDirectory {
  const client = new SubgraphClient({
    url: options.catalogUrl,
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  const caller = serviceCaller('reviews');
  return {
    async existingIds(ids, requestId) {
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
