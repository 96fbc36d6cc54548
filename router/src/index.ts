import { stopOnSignals } from '@agora/subgraph-kit';
import { createRouter } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const router = createRouter(config);
  const { url } = await router.start();
  router.logger.info(`router ready at ${url} (supergraph ${config.SUPERGRAPH_PATH})`);
  stopOnSignals(router.logger, router.stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
