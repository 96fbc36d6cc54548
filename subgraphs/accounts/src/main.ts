import '@agora/telemetry/register';
import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { boot, loadConfig } from './index';

// The process entry: parse the environment, boot, serve until a signal.
runScript(async () => {
  const config = loadConfig();
  await runSubgraph(await boot(config), config);
});
