import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createPaymentsService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  // The simulated processor until a real provider implements CardProcessor.
  const service = createPaymentsService({
    databaseUrl: config.DATABASE_URL,
    processorTimeoutMs: config.PROCESSOR_TIMEOUT_MS,
  });
  await runSubgraph(service, config);
}

runScript(main);
