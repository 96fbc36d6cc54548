import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { contextFactory, type Context } from './context';
import { connectNotificationsDb, type NotificationsDb } from './db';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface NotificationsServiceOptions {
  databaseUrl: string;
}

export type NotificationsService = SubgraphService<Context> & {
  db: NotificationsDb;
};

/** The notifications subgraph over its database, ready to serve or to test in-process. */
export function createNotificationsService(options: NotificationsServiceOptions): NotificationsService {
  const db = connectNotificationsDb(options.databaseUrl);
  return {
    name: 'notifications',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
  };
}
