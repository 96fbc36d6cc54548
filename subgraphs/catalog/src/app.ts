import path from 'node:path';
import { outboxMetrics } from '@agora/events';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { catalogOutboxBacklog } from './events/outbox-backlog';
import { contextFactory, type Context } from './context';
import { resolvers } from './resolvers';
import { openCatalogStore, type CatalogStore, type StoreOptions } from './store';

const typeDefs = readSchema(path.join(__dirname, '..'));

/**
 * The catalog subgraph over its store (MongoDB when `mongodbUrl` is given, the
 * in-process engine under `dataDir` otherwise), ready to serve or to test in-process.
 * Async because connecting and creating the indexes are.
 */
export async function createCatalogService(
  options: StoreOptions,
): Promise<SubgraphService<Context> & { store: CatalogStore }> {
  const store = await openCatalogStore(options);
  return {
    name: 'catalog',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(store),
    isReady: store.ping,
    queries: store.queries,
    close: store.close,
    store,
    metrics: outboxMetrics(catalogOutboxBacklog(store.products)),
  };
}
