import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectCartDb, type CartDb } from './db';
import type { ProductCatalog } from './product-catalog';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface CartServiceOptions {
  databaseUrl: string;
  /** Where prices and stock come from (the catalog and inventory subgraphs). */
  products: ProductCatalog;
}

/** The cart subgraph over its database, ready to serve or to test in-process. */
export function createCartService(options: CartServiceOptions): SubgraphService<Context> & { db: CartDb } {
  const db = connectCartDb(options.databaseUrl);
  return {
    name: 'cart',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db, options.products),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
  };
}
