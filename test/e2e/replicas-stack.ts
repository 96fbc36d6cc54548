import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPostgres } from '@agora/postgres';
import {
  AMQP_URL,
  createTestDatabase,
  deleteTopology,
  freePort,
  roundRobinProxy,
  runEntry,
  spawnService,
  startTestSigners,
  type TestSigners,
  testServerUrl,
  uniqueName,
  waitFor,
  type RoundRobinProxy,
  type SpawnedService,
  type TestDatabase,
} from '@agora/testing';
import type { GraphQLResponse } from './stack';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * How many processes of each subgraph run. Two of each service on the checkout path
 * and of each one with an outbox relay or an event consumer; catalog's relay is
 * there too, but without MONGODB_URL its store lives in one process's folder, which a
 * second process cannot share, so catalog runs once.
 */
export const REPLICAS = {
  accounts: 1,
  catalog: 1,
  inventory: 2,
  reviews: 1,
  cart: 1,
  orders: 2,
  payments: 2,
  search: 2,
  recommendations: 2,
  notifications: 2,
} as const;
export type ServiceName = keyof typeof REPLICAS;
const NAMES = Object.keys(REPLICAS) as ServiceName[];
/** Every subgraph but catalog keeps its data in PostgreSQL. */
const POSTGRES = NAMES.filter((name) => name !== 'catalog');
/** The event consumers (their queues are deleted after the run). */
export const CONSUMERS = ['search', 'recommendations', 'notifications'] as const;

/** How many service processes boot at the same time. */
const STARTING_AT_ONCE = 4;

/**
 * Settings over the defaults: background passes often enough for a test, and time-outs
 * long enough that a machine busy with 17 processes refuses nothing for being slow.
 * A PENDING order counts as stalled after a minute: the test makes one stalled by
 * moving its last change back, not by waiting.
 */
const SERVICE_ENV: Partial<Record<ServiceName, Record<string, string>>> = {
  orders: { STALLED_CHECKOUT_MS: '60000', CHECKOUT_RECOVERY_INTERVAL_MS: '200', PAYMENTS_TIMEOUT_MS: '60000' },
  inventory: { RESERVATION_SWEEP_INTERVAL_MS: '100' },
  payments: { PROCESSOR_TIMEOUT_MS: '30000' },
  cart: { UPSTREAM_TIMEOUT_MS: '30000' },
  notifications: { ACCOUNTS_TIMEOUT_MS: '30000' },
  // Every shopper signs up from one address: the per-address sign-up limit is out of reach here.
  accounts: { SIGNUPS_PER_ADDRESS_PER_HOUR: '100000' },
};

/** The services that call others, each signing as itself. */
const SIGNERS = ['cart', 'inventory', 'notifications', 'orders', 'reviews'] as const;

export interface ReplicaStack {
  /** The router's GraphQL endpoint. */
  url: string;
  /**
   * The keys the processes sign with: the router's and one per calling service, the
   * same for every replica of a service (a callee fetches either replica's JWKS).
   */
  signers: TestSigners;
  /** The load balancer in front of each service's processes. */
  proxies: Record<ServiceName, RoundRobinProxy>;
  /** Each service's processes, in the proxy's target order. */
  processes: Record<ServiceName, SpawnedService[]>;
  /** A pool on each PostgreSQL subgraph's database, for counting rows. */
  db: Record<Exclude<ServiceName, 'catalog'>, { query: (sql: string, values?: unknown[]) => Promise<unknown[]> }>;
  /** The environment a service's processes run with (for starting one more by hand). */
  envOf: (name: ServiceName) => Record<string, string>;
  request: (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<GraphQLResponse>;
  stop: () => Promise<void>;
}

/**
 * The whole system as separate processes on this machine, as a cluster runs it:
 * every subgraph built entry (`dist/main.js`) REPLICAS times, a round-robin load
 * balancer in front of each (what a Kubernetes Service does), the router and every
 * service-to-service URL pointing at the balancers. Fresh databases of their own,
 * migrated once; the demo accounts and catalog seeded; events through RabbitMQ in an
 * AMQP_NAMESPACE of their own.
 */
export async function startReplicaStack(): Promise<ReplicaStack> {
  const server = testServerUrl();
  // Only the keys: the processes publish their own JWKS, the harness's JWKS server is not used.
  const signers = await startTestSigners(SIGNERS);
  const namespace = uniqueName('replicas');
  const dir = await mkdtemp(path.join(tmpdir(), 'agora-replicas-'));
  const databases = new Map<ServiceName, TestDatabase>();
  const proxies = {} as Record<ServiceName, RoundRobinProxy>;
  const processes = Object.fromEntries(NAMES.map((name) => [name, []])) as unknown as Record<
    ServiceName,
    SpawnedService[]
  >;
  const pools: ReturnType<typeof connectPostgres>[] = [];
  let router: SpawnedService | undefined;

  const stop = async (): Promise<void> => {
    await router?.stop();
    await Promise.all(
      Object.values(processes)
        .flat()
        .map((service) => service.stop()),
    );
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all([...databases.values()].map((database) => database.drop()));
    await deleteTopology(
      `${namespace}-agora.events`,
      CONSUMERS.map((consumer) => [`${namespace}-${consumer}`, {}]),
    ).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await signers.stop();
  };

  try {
    await Promise.all(
      POSTGRES.map(async (name) => {
        databases.set(name, await createTestDatabase(`rep_${name}`, path.join(ROOT, 'subgraphs', name, 'drizzle')));
      }),
    );
    const ports = Object.fromEntries(
      await Promise.all(
        NAMES.map(async (name) => [name, await Promise.all(Array.from({ length: REPLICAS[name] }, freePort))]),
      ),
    ) as Record<ServiceName, number[]>;
    for (const name of NAMES) {
      proxies[name] = await roundRobinProxy(ports[name].map((port) => `http://127.0.0.1:${port}`));
    }
    const routerPort = await freePort();
    // Each subgraph trusts the router and every calling service, whose JWKS it fetches through the proxy.
    const trustedSigners = [
      `router=http://127.0.0.1:${routerPort}/.well-known/jwks.json`,
      ...SIGNERS.map((name) => `${name}=${proxies[name].origin}/.well-known/jwks.json`),
    ].join(',');

    const envOf = (name: ServiceName): Record<string, string> => ({
      TRUSTED_SIGNERS: trustedSigners,
      // One key per service, shared by its replicas.
      ...((SIGNERS as readonly string[]).includes(name) ? { SIGNING_KEY: JSON.stringify(signers.keys[name]) } : {}),
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '0',
      EVENTS_DATABASE_URL: server,
      AMQP_URL,
      AMQP_NAMESPACE: namespace,
      OUTBOX_RELAY_INTERVAL_MS: '100',
      CATALOG_DATA_DIR: path.join(dir, 'catalog'),
      ...(databases.get(name) ? { DATABASE_URL: (databases.get(name) as TestDatabase).url } : {}),
      ...Object.fromEntries(NAMES.map((other) => [`${other.toUpperCase()}_URL`, `${proxies[other].origin}/graphql`])),
      ...SERVICE_ENV[name],
    });
    for (const name of ['accounts', 'catalog'] as const) {
      await runEntry(`subgraphs/${name}`, 'seed', { ...envOf(name), SEED_DEMO_DATA: 'true' });
    }

    const start = async (name: ServiceName, index: number): Promise<void> => {
      const port = ports[name][index] as number;
      processes[name][index] = await spawnService(`subgraphs/${name}`, { env: envOf(name), port, replica: index + 1 });
    };
    // The seeded products' events go out before any consumer subscribes (on a first start
    // consumers seed themselves), so the test's own events do not queue behind 500 of them.
    await start('catalog', 0);
    const catalog = processes.catalog[0] as SpawnedService;
    await waitFor(async () => (await gauge(catalog.origin, 'agora_outbox_unpublished_events')) === 0, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    // A few processes start at a time (each takes about 2 s of CPU), all kept to be stopped.
    const queue = NAMES.filter((name) => name !== 'catalog').flatMap((name) =>
      ports[name].map((_port, index) => ({ name, index })),
    );
    const starter = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) await start(next.name, next.index);
    };
    const started = await Promise.allSettled(Array.from({ length: STARTING_AT_ONCE }, starter));
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    router = await spawnService('router', {
      port: routerPort,
      env: {
        ROUTER_SIGNING_KEY: JSON.stringify(signers.keys.router),
        LOG_LEVEL: 'warn',
        SHUTDOWN_GRACE_MS: '0',
        ACCOUNTS_JWKS_URL: `${proxies.accounts.origin}/.well-known/jwks.json`,
        SUBGRAPH_TIMEOUT_MS: '60000',
        // The test is one client: the per-client rate limit stays on but out of reach.
        RATE_LIMIT_REQUESTS: '100000',
        ...Object.fromEntries(
          NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${proxies[name].origin}/graphql`]),
        ),
      },
    });
    const url = `${router.origin}/graphql`;

    const db = Object.fromEntries(
      POSTGRES.map((name) => {
        const pool = connectPostgres((databases.get(name) as TestDatabase).url, {}, { max: 2 });
        pools.push(pool);
        return [
          name,
          { query: async (sql: string, values: unknown[] = []) => (await pool.pool.query(sql, values)).rows },
        ];
      }),
    ) as ReplicaStack['db'];

    const request: ReplicaStack['request'] = async (query, variables = {}, headers = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
    };
    return { url, signers, proxies, processes, db, envOf, request, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The value of a gauge on a process's /metrics (its one sample; NaN while it is not there). */
async function gauge(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ').pop()) : Number.NaN;
}
