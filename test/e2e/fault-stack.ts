import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AMQP_URL,
  createTestDatabase,
  deleteTopology,
  freePort,
  runEntry,
  spawnService,
  startTestSigners,
  uniqueName,
  type SpawnedService,
  type TestDatabase,
} from '@agora/testing';
import { REPLICAS, type ServiceName } from './replicas-stack';

const ROOT = path.resolve(__dirname, '..', '..');

/** The subgraphs the storefront listing needs: products, their stock, their ratings. */
export const LISTING_SERVICES = ['catalog', 'inventory', 'reviews'] as const;
export type ListingService = (typeof LISTING_SERVICES)[number];
type Signer = 'router' | ListingService;
/** How many characters of each process's latest output `logs` shows. */
const LOG_KEPT = 4_000;

/** Each signer's variables for how the processes trust each other, and what to release after the run. */
export interface IdentityEnv {
  envOf: (signer: Signer) => Record<string, string>;
  stop: () => Promise<void>;
}

/** The listing services that call another (catalog) and so sign their own calls. */
const CALLERS = ['inventory', 'reviews'] as const;

/**
 * How the router and the subgraphs trust each other, in one place: a fresh private key
 * for the router (ROUTER_SIGNING_KEY) and for each service that calls catalog
 * (SIGNING_KEY), kept across a restart; every subgraph trusts those signers at the JWKS
 * the test's signers serve (startTestSigners, as the replica stack does).
 */
export async function identityEnv(): Promise<IdentityEnv> {
  const signers = await startTestSigners(CALLERS);
  return {
    envOf: (signer): Record<string, string> => {
      if (signer === 'router') return { ROUTER_SIGNING_KEY: JSON.stringify(signers.keys.router) };
      const own: Record<string, string> =
        signer === 'catalog' ? {} : { SIGNING_KEY: JSON.stringify(signers.keys[signer]) };
      return { ...own, TRUSTED_SIGNERS: signers.trusted };
    },
    stop: () => signers.stop(),
  };
}

export interface FaultStack {
  /** The router's GraphQL endpoint. */
  url: string;
  router: SpawnedService;
  /** The listing's subgraphs as they run now (restart replaces one). */
  services: Record<ListingService, SpawnedService>;
  /** Starts `name` again on the port, with the database and data it had (after a kill); waits for /ready. */
  restart: (name: ListingService) => Promise<SpawnedService>;
  /** SIGSTOPs `name` as it runs now: it keeps accepting connections (the kernel's backlog) but never answers. */
  pause: (name: ListingService) => void;
  /** SIGCONTs `name`: a paused process goes on where it stopped (a running one is left alone). */
  resume: (name: ListingService) => void;
  /** What every process logged (warnings and errors), for a failure's reader. */
  logs: () => string;
  stop: () => Promise<void>;
}

export interface FaultStackOptions {
  /** The router's variables beyond the stack's own (e.g. `SUBGRAPH_TIMEOUT_MS`); they win. */
  routerEnv?: Record<string, string>;
}

/**
 * The storefront listing as separate processes: catalog (its embedded store in a
 * temporary folder, the demo products seeded; its product events go to a RabbitMQ
 * exchange of this run's own that nobody reads), inventory and reviews (fresh
 * databases, migrated, the demo stock and reviews seeded) and the router over the
 * committed supergraph. The other seven subgraphs are not started: their URLs point at
 * a port nobody listens on, and the listing does not reach them. `stop` resumes a
 * paused process before it stops it.
 */
export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const namespace = uniqueName('faults');
  const dir = await mkdtemp(path.join(tmpdir(), 'agora-faults-'));
  const databases: Partial<Record<ListingService, TestDatabase>> = {};
  const services: Partial<Record<ListingService, SpawnedService>> = {};
  let router: SpawnedService | undefined;
  let identity: IdentityEnv | undefined;

  const stop = async (): Promise<void> => {
    await router?.stop();
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
    await deleteTopology(`${namespace}-agora.events`, []).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await identity?.stop();
  };

  try {
    const [catalogPort, inventoryPort, reviewsPort, routerPort, nobody] = await Promise.all(
      Array.from({ length: 5 }, freePort),
    );
    const ports: Record<ListingService, number> = {
      catalog: catalogPort as number,
      inventory: inventoryPort as number,
      reviews: reviewsPort as number,
    };
    const origins: Record<Signer, string> = {
      router: `http://127.0.0.1:${routerPort}`,
      catalog: `http://127.0.0.1:${ports.catalog}`,
      inventory: `http://127.0.0.1:${ports.inventory}`,
      reviews: `http://127.0.0.1:${ports.reviews}`,
    };
    identity = await identityEnv();
    const identityOf = identity.envOf;
    const catalogUrl = `${origins.catalog}/graphql`;
    const common = { LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '0' };
    const envOf = (name: ListingService): Record<string, string> => ({
      ...common,
      ...identityOf(name),
      ...(name === 'catalog'
        ? { AMQP_URL, AMQP_NAMESPACE: namespace, CATALOG_DATA_DIR: path.join(dir, 'catalog') }
        : { DATABASE_URL: (databases[name] as TestDatabase).url, CATALOG_URL: catalogUrl }),
    });

    await Promise.all([
      runEntry('subgraphs/catalog', 'seed', { ...envOf('catalog'), SEED_DEMO_DATA: 'true' }),
      ...(['inventory', 'reviews'] as const).map(async (name) => {
        databases[name] = await createTestDatabase(`faults_${name}`, path.join(ROOT, 'subgraphs', name, 'drizzle'));
        await runEntry(`subgraphs/${name}`, 'seed', { ...envOf(name), SEED_DEMO_DATA: 'true' });
      }),
    ]);

    const start = async (name: ListingService): Promise<SpawnedService> => {
      const service = await spawnService(`subgraphs/${name}`, { env: envOf(name), port: ports[name] });
      services[name] = service;
      return service;
    };
    const subgraphUrl = (name: ServiceName): string =>
      (LISTING_SERVICES as readonly string[]).includes(name)
        ? `${origins[name as ListingService]}/graphql`
        : `http://127.0.0.1:${nobody}/graphql`;
    // The router loads the supergraph from its file: no subgraph has to be up for it to start.
    // Settled, not raced: a failure throws only once every process started is known to stop.
    const [startedRouter, ...started] = await Promise.allSettled([
      spawnService('router', {
        port: routerPort,
        env: {
          ...common,
          ...identityOf('router'),
          ACCOUNTS_JWKS_URL: `http://127.0.0.1:${nobody}/.well-known/jwks.json`,
          // The test is one client sending a steady load: the per-client rate limit stays on but out of reach.
          RATE_LIMIT_REQUESTS: '100000',
          ...Object.fromEntries(
            (Object.keys(REPLICAS) as ServiceName[]).map((name) => [
              `SUBGRAPH_URL_${name.toUpperCase()}`,
              subgraphUrl(name),
            ]),
          ),
          ...options.routerEnv,
        },
      }),
      ...LISTING_SERVICES.map(start),
    ]);
    if (startedRouter.status === 'fulfilled') router = startedRouter.value;
    for (const outcome of [startedRouter, ...started]) if (outcome.status === 'rejected') throw outcome.reason;
    const running = router;
    if (!running) throw new Error('the router did not start');

    return {
      url: `${running.origin}/graphql`,
      router: running,
      services: services as Record<ListingService, SpawnedService>,
      restart: start,
      pause: (name) => services[name]?.pause(),
      resume: (name) => services[name]?.resume(),
      logs: () =>
        [running, ...Object.values(services)]
          .filter((service) => service.output())
          .map((service) => `--- ${service.name}\n${service.output().slice(-LOG_KEPT)}`)
          .join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
