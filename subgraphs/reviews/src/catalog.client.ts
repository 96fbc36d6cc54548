import { z } from 'zod';
import type { ProductDirectory } from './product-directory';

/** A review must not wait on a slow catalog for long: fail and let the client retry. */
const TIMEOUT_MS = 3_000;

/**
 * The catalog resolves an unknown product reference to null, and a product removed
 * from sale to its tombstone (with `deletedAt`): neither may be reviewed.
 */
const PRODUCTS_EXIST = `query ProductsExist($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id deletedAt } }
}`;

const entitiesResponse = z.object({
  data: z
    .object({ _entities: z.array(z.object({ id: z.string(), deletedAt: z.string().nullable() }).nullable()) })
    .nullish(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

/** The catalog subgraph asked directly over GraphQL (entity lookup by key). */
export function catalogProductDirectory(catalogUrl: string): ProductDirectory {
  return {
    async existingIds(ids) {
      if (ids.length === 0) return new Set();
      const response = await fetch(catalogUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          query: PRODUCTS_EXIST,
          variables: { representations: ids.map((id) => ({ __typename: 'Product', id })) },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`catalog product lookup failed: HTTP ${response.status}`);
      const body = entitiesResponse.parse(await response.json());
      const firstError = body.errors?.[0];
      if (firstError) throw new Error(`catalog product lookup failed: ${firstError.message}`);
      if (!body.data) throw new Error('catalog product lookup returned no data');
      return new Set(body.data._entities.flatMap((product) => (product?.deletedAt === null ? [product.id] : [])));
    },
  };
}
