import { catalog, representationsOf } from '@agora/contracts';
import { type BreakerSettings, type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { ProductDirectory } from './product-directory';

export interface CatalogProductDirectoryOptions {
  /** The catalog subgraph's GraphQL URL (called directly, not through the router). */
  catalogUrl: string;
  /** Reviews' own signer: it calls as the `reviews` service. */
  signer: IdentitySigner;
  /** A review must not wait on a slow catalog for long: fail and let the client retry (3000 ms). */
  timeoutMs?: number;
  /** The circuit breaker of each callee (DEFAULT_BREAKER when not given). */
  breaker?: BreakerSettings;
}

/**
 * The catalog subgraph as the directory, asked in one entity lookup by key. The catalog
 * resolves an unknown product reference to null, and a product removed from sale to its
 * tombstone (with `deletedAt`): neither may be reviewed.
 */
export function catalogProductDirectory(options: CatalogProductDirectoryOptions): ProductDirectory {
  const client = new SubgraphClient({
    url: options.catalogUrl,
    name: 'catalog',
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
    breaker: options.breaker,
  });
  const caller = serviceCaller('reviews');
  return {
    async existingIds(ids, scope) {
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
