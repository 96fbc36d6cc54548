import path from 'node:path';
import { createSubgraphServer, readSchema } from '@agora/subgraph-kit';
import type { Context } from './context';
import { resolvers } from './resolvers';

export const typeDefs = readSchema(path.join(__dirname, '..'));

/** The inventory subgraph server, without a port. */
export function createInventoryServer() {
  return createSubgraphServer<Context>({ typeDefs, resolvers });
}
