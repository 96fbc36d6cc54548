import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MailMessage } from '@agora/notifications';
import { composeSupergraph, createRouter, loadConfig } from '@agora/router';
import { startSubgraphs, type ServiceOf, type StartedSubgraphs, type TestSigners } from '@agora/testing';

const ROOT = path.resolve(__dirname, '..', '..');
const SUBGRAPH_NAMES = [
  'accounts',
  'catalog',
  'inventory',
  'reviews',
  'cart',
  'payments',
  'orders',
  'search',
  'recommendations',
  'notifications',
] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export interface Stack {
  url: string;
  /** The router's and each service's signing keys (the router signs with `signers.keys.router`). */
  signers: TestSigners;
  /** Each subgraph as the stack runs it: its service, its HTTP server and how many requests reached it. */
  subgraphs: StartedSubgraphs<SubgraphName>['subgraphs'];
  accounts: ServiceOf<'accounts'>;
  reviews: ServiceOf<'reviews'>;
  inventory: ServiceOf<'inventory'>;
  payments: ServiceOf<'payments'>;
  orders: ServiceOf<'orders'>;
  /** E-mails the notifications service sent. */
  mail: MailMessage[];
  request: (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<GraphQLResponse>;
  /** Logs in through the router and returns the access and refresh tokens. */
  logIn: (email: string, password: string) => Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  resetCounters: () => void;
  /**
   * Another router over this stack's subgraphs, with `env` on top of the stack router's
   * settings (e.g. `SUBGRAPH_URL_INVENTORY` pointing at a port nobody listens on).
   * The caller stops it.
   */
  startRouter: (env: Record<string, string>) => Promise<{ url: string; stop: () => Promise<void> }>;
  stop: () => Promise<void>;
}

/** Composes every subgraph's real schema (SUBGRAPH_NAMES) with this stack's routing URLs. */
async function composeFor(dir: string, urls: Record<SubgraphName, string>): Promise<string> {
  const lines = ['subgraphs:'];
  for (const name of SUBGRAPH_NAMES) {
    lines.push(
      `  ${name}:`,
      `    routing_url: ${urls[name]}`,
      '    schema:',
      `      file: ${path.join(ROOT, 'subgraphs', name, 'src', 'schema.graphql')}`,
    );
  }
  const yamlPath = path.join(dir, 'supergraph.yaml');
  await writeFile(yamlPath, `${lines.join('\n')}\n`);
  const composed = await composeSupergraph(yamlPath);
  if (!composed.ok) throw new Error(`composition failed:\n${composed.errors.join('\n')}`);
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composed.supergraphSdl);
  return supergraphPath;
}

/**
 * The whole supergraph, in-process but over real HTTP: every subgraph (SUBGRAPH_NAMES)
 * on its own fresh database, catalog on its in-process store (seeded with the demo
 * data), and the router in front of them.
 */
export interface StackOptions {
  events?: boolean;
  /** Settings of one subgraph over the stack's own (e.g. orders' PAYMENTS_URL, to put a proxy in between). */
  env?: Partial<Record<SubgraphName, Record<string, string>>>;
  /** Settings of the router over the stack's own (e.g. REQUEST_TIMEOUT_MS). */
  routerEnv?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'agora-e2e-'));
  const mail: MailMessage[] = [];
  const started = await startSubgraphs(SUBGRAPH_NAMES, {
    prefix: 'e2e',
    // Events flow only when a test asks for them: relays and consumers add background work.
    events: options.events,
    seed: ['accounts', 'catalog', 'inventory', 'reviews', 'search', 'recommendations'],
    env: {
      // A short processor timeout keeps the time-out test card quick.
      payments: { PROCESSOR_TIMEOUT_MS: '300' },
      // Every test is one client at one address: sign-ups are not limited here (sign-in-limits.test.ts tests
      // them); an account locks at its fourth failure, without waits before (auth-flow.test.ts).
      accounts: { SIGNUPS_PER_ADDRESS_PER_HOUR: '100000', LOGIN_ACCOUNT_MAX_FAILURES: '4' },
      ...options.env,
    },
    boot: { notifications: { mail: { send: (message) => Promise.resolve(void mail.push(message)) } } },
  });
  const { signers, subgraphs } = started;

  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].running.url])) as Record<
    SubgraphName,
    string
  >;
  const routerEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ROUTER_SIGNING_KEY: JSON.stringify(signers.keys.router),
    SUPERGRAPH_PATH: await composeFor(dir, urls),
    ACCOUNTS_JWKS_URL: `http://127.0.0.1:${subgraphs.accounts.running.port}/.well-known/jwks.json`,
    // Every test is one client: the per-client limit stays on but out of reach (rate-limit.test.ts tests it).
    RATE_LIMIT_REQUESTS: '100000',
    ...options.routerEnv,
  };
  const router = createRouter(loadConfig(routerEnv));
  const { url } = await router.start();

  const startRouter: Stack['startRouter'] = async (env) => {
    const other = createRouter(loadConfig({ ...routerEnv, ...env }));
    const started = await other.start();
    return { url: started.url, stop: () => other.stop() };
  };

  const request: Stack['request'] = async (query, variables = {}, headers = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };

  const logIn: Stack['logIn'] = async (email, password) => {
    const { body } = await request(
      'mutation ($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { id } } }',
      { input: { email, password } },
    );
    if (!body.data?.logIn) throw new Error(`log-in failed: ${JSON.stringify(body.errors)}`);
    const { accessToken, refreshToken, user } = body.data.logIn as {
      accessToken: string;
      refreshToken: string;
      user: { id: string };
    };
    return { accessToken, refreshToken, userId: user.id };
  };

  return {
    url,
    signers,
    subgraphs,
    accounts: subgraphs.accounts.service,
    reviews: subgraphs.reviews.service,
    inventory: subgraphs.inventory.service,
    payments: subgraphs.payments.service,
    orders: subgraphs.orders.service,
    mail,
    request,
    logIn,
    resetCounters: () => {
      for (const name of SUBGRAPH_NAMES) {
        subgraphs[name].service.queries.reset();
        subgraphs[name].requests.count = 0;
      }
    },
    startRouter,
    stop: async () => {
      await router.stop();
      await started.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * How long a test gives startStack({ events: true }): the catalog's relay publishes the
 * demo seed's 500 events (one write of the in-process store per relay pass) before the
 * stack answers; the whole start takes about 10 s on a busy 2-core machine.
 */
export const EVENTS_STACK_START_MS = 60_000;

/** How long a test waits for events to reach their consumers, asking every 100 ms. */
export const EVENTS_WAIT = { timeoutMs: 20_000, intervalMs: 100 };

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export const DEMO = {
  customer: { email: 'customer@agora.dev', password: 'agora-customer' },
  admin: { email: 'admin@agora.dev', password: 'agora-admin' },
  shopper: (n: number) => ({ email: `shopper${n}@agora.dev`, password: 'agora-shopper' }),
};
