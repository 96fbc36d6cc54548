import type { DemoDataSettings } from './config';
import { shutDownGracefully } from './health';
import { serveSubgraph, stopOnSignals, type RunningSubgraph } from './http';
import { createIdentityVerifier } from './identity-verifier';
import { createLogger } from './logger';
import type { BaseContext } from './server';
import type { SubgraphService } from './service';

/** The settings every subgraph parses from `subgraphEnv`. */
export interface SubgraphSettings {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  /** The signers it accepts identities from, JWKS URL by name (see trustedSignersEnv). */
  TRUSTED_SIGNERS: Record<string, string>;
  SHUTDOWN_GRACE_MS: number;
}

/** A subgraph's `main`: serve, log where, and on a signal fail /ready, wait the grace period, drain, close the store. */
export async function runSubgraph<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  settings: SubgraphSettings,
): Promise<RunningSubgraph> {
  const logger = createLogger(service.name, settings.LOG_LEVEL);
  const running = await serveSubgraph({
    ...service,
    port: settings.PORT,
    host: settings.HOST,
    verifier: createIdentityVerifier(settings.TRUSTED_SIGNERS),
    logger,
  });
  logger.info(`${service.name} subgraph ready at http://${settings.HOST}:${running.port}/graphql`);
  stopOnSignals(logger, () =>
    shutDownGracefully({
      health: running.health,
      graceMs: settings.SHUTDOWN_GRACE_MS,
      logger,
      stop: async () => {
        await running.stop();
        await service.close();
      },
    }),
  );
  return running;
}

/**
 * Runs a command-line entry point (a server's main, a migration, a seed): a
 * failure is printed and the process exits non-zero.
 */
export function runScript(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}

/**
 * A seed entry's body: runs `seed` only when the demo data was asked for
 * (`SEED_DEMO_DATA=true`, see `demoDataEnv`); otherwise logs one line saying it is off
 * and touches nothing, so a production start never creates a known account.
 */
export async function seedDemoDataIfAsked(
  service: string,
  settings: DemoDataSettings,
  seed: () => Promise<void>,
): Promise<void> {
  if (!settings.SEED_DEMO_DATA) {
    console.log(`${service}: demo data is off (SEED_DEMO_DATA=true adds it)`);
    return;
  }
  await seed();
}
