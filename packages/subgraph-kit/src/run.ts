import type express from 'express';
import type { ApolloServer } from '@apollo/server';
import { serveSubgraph, stopOnSignals, type RunningSubgraph } from './http';
import { createLogger } from './logger';
import type { BaseContext } from './server';

export interface RunOptions<TContext extends BaseContext> {
  name: string;
  port: number;
  host: string;
  logLevel: string;
  identitySecret: string;
  server: ApolloServer<TContext>;
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  routes?: (app: express.Express) => void;
  isReady?: () => Promise<boolean>;
  /** Releases the store once HTTP has drained. */
  close: () => Promise<void>;
}

/** A subgraph's `main`: serve, log where, and stop cleanly on a signal. */
export async function runSubgraph<TContext extends BaseContext>(
  options: RunOptions<TContext>,
): Promise<RunningSubgraph> {
  const logger = createLogger(options.name, options.logLevel);
  const running = await serveSubgraph({ ...options, logger });
  logger.info(`${options.name} subgraph ready at http://${options.host}:${running.port}/graphql`);
  stopOnSignals(logger, async () => {
    await running.stop();
    await options.close();
  });
  return running;
}
