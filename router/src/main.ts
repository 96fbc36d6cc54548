import '@agora/telemetry/register';
import { runScript, shutDownGracefully, stopOnSignals } from '@agora/subgraph-kit';
import { createRouter } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const router = createRouter(config);
  const { url } = await router.start();
  router.logger.info(`router ready at ${url} (supergraph ${config.SUPERGRAPH_PATH})`);
  stopOnSignals(router.logger, () =>
    shutDownGracefully({
      health: router.health,
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger: router.logger,
      stop: router.stop,
    }),
  );
}

runScript(main);
