import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectSearchDb, type SearchDb } from './db';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

/** The search subgraph over its index database, ready to serve or to test in-process. */
export function createSearchService(options: { databaseUrl: string }): SubgraphService<Context> & { db: SearchDb } {
  const db = connectSearchDb(options.databaseUrl);
  return {
    name: 'search',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
  };
}
