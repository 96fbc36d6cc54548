import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectRecommendationsDb, type RecommendationsDb } from './db';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface RecommendationsServiceOptions {
  databaseUrl: string;
}

/**
 * The recommendations subgraph over its read model, ready to serve or to test
 * in-process. The read model is filled by the consumer (startRecommendationsConsumer).
 */
export function createRecommendationsService(
  options: RecommendationsServiceOptions,
): SubgraphService<Context> & { db: RecommendationsDb } {
  const db = connectRecommendationsDb(options.databaseUrl);
  return {
    name: 'recommendations',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
  };
}
