import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as accounts from '@agora/accounts';
import type * as cart from '@agora/cart';
import type * as catalog from '@agora/catalog';
import type * as inventory from '@agora/inventory';
import type * as notifications from '@agora/notifications';
import type * as orders from '@agora/orders';
import type * as payments from '@agora/payments';
import type * as recommendations from '@agora/recommendations';
import type * as reviews from '@agora/reviews';
import type * as search from '@agora/search';
import {
  createIdentityVerifier,
  createLogger,
  IDENTITY_HEADER,
  serveSubgraph,
  type BaseContext,
  type BootOptions,
  type Caller,
  type RunningSubgraph,
  type SubgraphEntry,
  type SubgraphService,
  type SubgraphSettings,
} from '@agora/subgraph-kit';
import { createTestDatabase, testServerUrl, type TestDatabase } from './database';
import { startTestSigners, type TestSigners } from './identities';
import { baseContext, execute, type OperationResult } from './operations';

/** Checks at compile time that a subgraph's public entry has the shape every subgraph shares. */
function entry<
  TConfig extends SubgraphSettings,
  TService extends Pick<SubgraphService<never>, 'name' | 'close'>,
  TOptions extends BootOptions,
>(publicEntry: SubgraphEntry<TConfig, TService, TOptions>): SubgraphEntry<TConfig, TService, TOptions> {
  return publicEntry;
}

/**
 * Every subgraph's public entry, by name, loaded on first use: a test that imports
 * this package for a database or waitFor does not load ten subgraphs. (require, as
 * jest runs CommonJS and refuses import() without experimental flags.)
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
const ENTRIES = {
  accounts: () => entry(require('@agora/accounts') as typeof accounts),
  cart: () => entry(require('@agora/cart') as typeof cart),
  catalog: () => entry(require('@agora/catalog') as typeof catalog),
  inventory: () => entry(require('@agora/inventory') as typeof inventory),
  notifications: () => entry(require('@agora/notifications') as typeof notifications),
  orders: () => entry(require('@agora/orders') as typeof orders),
  payments: () => entry(require('@agora/payments') as typeof payments),
  recommendations: () => entry(require('@agora/recommendations') as typeof recommendations),
  reviews: () => entry(require('@agora/reviews') as typeof reviews),
  search: () => entry(require('@agora/search') as typeof search),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type SubgraphName = keyof typeof ENTRIES;
type EntryOf<N extends SubgraphName> = ReturnType<(typeof ENTRIES)[N]>;
/** What `boot` returns for a subgraph: its service with the extras tests reach for (`db`, `store`, …). */
export type ServiceOf<N extends SubgraphName> = Awaited<ReturnType<EntryOf<N>['boot']>>;
/** A subgraph's own boot options (notifications' `mail`, orders' `ports`, …). */
export type BootOptionsOf<N extends SubgraphName> = NonNullable<Parameters<EntryOf<N>['boot']>[1]>;

/** One started subgraph: its booted service, its HTTP server and the GraphQL requests that reached it. */
export interface StartedSubgraph<N extends SubgraphName> {
  service: ServiceOf<N>;
  running: RunningSubgraph;
  requests: { count: number };
}

export interface StartSubgraphsOptions<N extends SubgraphName> {
  /** Starts each test database's name (default `it`). */
  prefix?: string;
  /**
   * Runs the background work (event relays and consumers over a fresh pg-boss events
   * database, sweeps) as in production. Default false: none, tests drive it by hand.
   */
  events?: boolean;
  /** The subgraphs whose demo data is seeded (seedDemo) once booted. */
  seed?: readonly N[];
  /** Settings per subgraph over the harness's own, as environment strings (e.g. a shorter timeout). */
  env?: { [K in N]?: Record<string, string> };
  /** Boot options per subgraph (e.g. notifications' mail transport). */
  boot?: { [K in N]?: Omit<BootOptionsOf<K>, 'background'> };
}

export interface StartedSubgraphs<N extends SubgraphName> {
  /**
   * The router's and every subgraph's signing keys, each subgraph trusting all of them
   * (TRUSTED_SIGNERS): `signers.sign(caller)` is the identity token a request carries.
   */
  signers: TestSigners;
  subgraphs: { [K in N]: StartedSubgraph<K> };
  /**
   * Sends an operation to a subgraph over HTTP as `caller` (signed by the router, or by
   * `caller.service`'s own key for a serviceCaller), or anonymously (router-signed too),
   * with any other `headers` (e.g. a deadline); counted as a request.
   */
  request: (
    name: N,
    caller: Caller | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<OperationResult<Record<string, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read results by path
  /** Runs an operation on a subgraph in-process as `caller`: test data set up without counting a request. */
  execute: (
    name: N,
    caller: Caller | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<OperationResult<Record<string, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read results by path
  /** Stops every server, then every service (its background work first), then drops the databases. */
  stop: () => Promise<void>;
}

/** The harness's view of any entry: the one place the per-subgraph types are set aside. */
type AnyEntry = SubgraphEntry<SubgraphSettings, SubgraphService<BaseContext>, BootOptions>;

/** `cart` → `CART_URL`: the setting through which a subgraph finds another. */
const urlSetting = (name: string): string => `${name.toUpperCase()}_URL`;

/**
 * Starts real subgraphs in-process over real HTTP, from their public entries, in the
 * order given: each one's config (`loadConfig`) points at the ones started before it
 * (list upstreams first), each PostgreSQL subgraph gets a fresh migrated database, the
 * catalog its in-process store in a temporary folder. Logs are silent.
 */
export async function startSubgraphs<N extends SubgraphName>(
  names: readonly N[],
  options: StartSubgraphsOptions<N> = {},
): Promise<StartedSubgraphs<N>> {
  const signers = await startTestSigners(Object.keys(ENTRIES));
  const prefix = options.prefix ?? 'it';
  const dir = await mkdtemp(path.join(tmpdir(), `agora-${prefix}-`));
  const entries = new Map(names.map((name) => [name, ENTRIES[name]() as unknown as AnyEntry]));
  const databases = new Map<string, TestDatabase>();
  await Promise.all([
    ...names.map(async (name) => {
      const folder = entries.get(name)?.MIGRATIONS_FOLDER;
      if (folder) databases.set(name, await createTestDatabase(`${prefix}_${name}`, folder));
    }),
    options.events && createTestDatabase(`${prefix}_events`).then((events) => databases.set('events', events)),
  ]);

  const started = new Map<N, StartedSubgraph<SubgraphName>>();
  const urls: Record<string, string> = {};
  const stop = async (): Promise<void> => {
    const all = [...started.values()].reverse();
    for (const subgraph of all) await subgraph.running.stop();
    for (const subgraph of all) await subgraph.service.close();
    await Promise.all([...databases.values()].map((database) => database.drop()));
    await signers.stop();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    for (const name of names) {
      const publicEntry = entries.get(name) as AnyEntry;
      const config = publicEntry.loadConfig({
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SIGNING_KEY: JSON.stringify(signers.keys[name]),
        TRUSTED_SIGNERS: signers.trusted,
        DATABASE_URL: databases.get(name)?.url,
        // Without events nothing connects to it; the setting is still required.
        EVENTS_DATABASE_URL: databases.get('events')?.url ?? testServerUrl(),
        OUTBOX_RELAY_INTERVAL_MS: '100',
        CATALOG_DATA_DIR: path.join(dir, name),
        ...urls,
        ...options.env?.[name],
      });
      const service = await publicEntry.boot(config, { ...options.boot?.[name], background: options.events ?? false });
      if (options.seed?.includes(name)) await publicEntry.seedDemo?.(service);
      // The seed's events go out now, before any consumer subscribes (as on a first start,
      // where consumers seed themselves), so a test's own events are not queued behind them.
      // One drain: catchUp's passes queue behind the background relay's, never beside them,
      // so no event goes out twice; the background relay then carries on alone.
      await service.catchUp?.();
      const running = await serveSubgraph({
        ...service,
        port: 0,
        host: '127.0.0.1',
        verifier: createIdentityVerifier(config.TRUSTED_SIGNERS),
        logger: createLogger(name, 'silent'),
      });
      const requests = { count: 0 };
      // Express has rewritten req.url by the time this listener runs; originalUrl keeps it.
      running.httpServer.on('request', (req: { originalUrl?: string }) => {
        if (req.originalUrl?.startsWith('/graphql')) requests.count += 1;
      });
      started.set(name, { service: service as unknown as ServiceOf<SubgraphName>, running, requests });
      urls[urlSetting(name)] = running.url;
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const subgraphs = Object.fromEntries(started) as unknown as StartedSubgraphs<N>['subgraphs'];
  const serviceOf = (name: N): SubgraphService<BaseContext> =>
    (started.get(name) as StartedSubgraph<SubgraphName>).service as unknown as SubgraphService<BaseContext>;
  return {
    signers,
    subgraphs,
    request: async (name, caller, query, variables = {}, headers = {}) => {
      const response = await fetch(urls[urlSetting(name)] as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, [IDENTITY_HEADER]: await signers.sign(caller) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as OperationResult;
    },
    execute: async (name, caller, query, variables = {}) => {
      const service = serviceOf(name);
      return execute(service.server, await service.createContext(baseContext(caller)), query, variables);
    },
    stop,
  };
}
