import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import { contextFactory, type Context } from './context';
import { connectInventoryDb } from './db';
import { resolvers } from './resolvers';

export const typeDefs = readSchema(path.join(__dirname, '..'));

/** The inventory subgraph over its database, ready to serve or to test in-process. */
export function createInventoryService(options: { databaseUrl: string }): SubgraphService<Context> & {
  db: ReturnType<typeof connectInventoryDb>;
} {
  const db = connectInventoryDb(options.databaseUrl);
  return {
    name: 'inventory',
    server: createSubgraphServer<Context>({ typeDefs, resolvers }),
    createContext: contextFactory(db),
    isReady: db.ping,
    queries: db.queries,
    close: db.close,
    db,
  };
}
