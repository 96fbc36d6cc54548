import { serveSubgraph, stopOnSignals, type RunningSubgraph } from './http';
import { createLogger } from './logger';
import type { BaseContext } from './server';
import type { SubgraphService } from './service';

export interface RunOptions {
  port: number;
  host: string;
  logLevel: string;
  identitySecret: string;
}

/** A subgraph's `main`: serve, log where, and stop cleanly on a signal. */
export async function runSubgraph<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  options: RunOptions,
): Promise<RunningSubgraph> {
  const logger = createLogger(service.name, options.logLevel);
  const running = await serveSubgraph({ ...service, ...options, logger });
  logger.info(`${service.name} subgraph ready at http://${options.host}:${running.port}/graphql`);
  stopOnSignals(logger, async () => {
    await running.stop();
    await service.close();
  });
  return running;
}
