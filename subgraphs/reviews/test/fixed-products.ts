import type { ProductDirectory } from '../src/product-directory';

/**
 * Stands for the catalog service (outside this subgraph): a fixed set of product ids.
 * Every lookup is recorded so tests can check what was asked.
 */
export function fixedProducts(ids: Iterable<string>): ProductDirectory & { lookups: string[][] } {
  const known = new Set(ids);
  const lookups: string[][] = [];
  return {
    lookups,
    existingIds: (asked) => {
      lookups.push([...asked]);
      return Promise.resolve(new Set(asked.filter((id) => known.has(id))));
    },
  };
}

/** A catalog that cannot be reached. */
export const unreachableCatalog: ProductDirectory = {
  existingIds: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4002')),
};
