import type { SubgraphSettings } from './run';
import type { SubgraphService } from './service';

/** What `boot` may be told besides the configuration; each subgraph adds its own test seams. */
export interface BootOptions {
  /**
   * Start the background work (event relays, consumers, sweeps). Default true, as in
   * production; tests that need no events or drive that work by hand say false.
   */
  background?: boolean;
}

/**
 * The public entry (`src/index.ts`) every subgraph exports, the same names in each:
 * `main.ts` runs `boot(loadConfig())`, and `@agora/testing` starts any set of
 * subgraphs from it in-process. Importing it has no side effects.
 */
export interface SubgraphEntry<
  TConfig extends SubgraphSettings,
  TService extends Pick<SubgraphService<never>, 'name' | 'close'>,
  TOptions extends BootOptions = BootOptions,
> {
  /** Parses the settings from `env` (default process.env); throws naming each bad variable. */
  loadConfig: (env?: NodeJS.ProcessEnv) => TConfig;
  /**
   * Builds the service the process serves, background work started; its `close`
   * stops that work, then releases the store.
   */
  boot: (config: TConfig, options?: TOptions) => Promise<TService>;
  /** The drizzle migrations of a subgraph on PostgreSQL. */
  MIGRATIONS_FOLDER?: string;
  /** Adds the demo data the subgraph owns (idempotent), through a booted service. */
  seedDemo?: (service: TService) => Promise<void>;
}
