import type { BaseContext } from '@agora/subgraph-kit';
import type { SearchDb } from './db';
import { SearchRepository } from './search.repository';

/**
 * No DataLoaders: search resolves no entity fields (its Product is the id only, which
 * the router already has), so nothing here is looked up per item.
 */
export interface Context extends BaseContext {
  search: SearchRepository;
}

/** Builds the per-request context factory over one database handle. */
export function contextFactory(db: SearchDb): (base: BaseContext) => Context {
  const search = new SearchRepository(db.db);
  return (base) => ({ ...base, search });
}
