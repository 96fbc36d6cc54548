import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectReviewsDb, type ReviewsDb } from './db';
import type { ProductDirectory } from './product-directory';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface ReviewsServiceOptions {
  databaseUrl: string;
  /** Where reviews checks that a product exists (the catalog, or a stand-in in tests). */
  products: ProductDirectory;
}

/** The reviews subgraph over its database, ready to serve or to test in-process. */
export function createReviewsService(options: ReviewsServiceOptions): SubgraphService<Context> & { db: ReviewsDb } {
  const db = connectReviewsDb(options.databaseUrl);
  return {
    name: 'reviews',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db, options.products),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
  };
}
