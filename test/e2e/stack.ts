import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLogger,
  serveSubgraph,
  type BaseContext,
  type RunningSubgraph,
  type SubgraphService,
} from '@agora/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { createAccountsService, type AccountsService } from '../../subgraphs/accounts/src/app';
import { MIGRATIONS_FOLDER as ACCOUNTS_MIGRATIONS } from '../../subgraphs/accounts/src/db';
import { seedDemoUsers } from '../../subgraphs/accounts/src/seed';
import { UserRepository } from '../../subgraphs/accounts/src/user.repository';
import { createCatalogService } from '../../subgraphs/catalog/src/app';
import { seedCatalog } from '../../subgraphs/catalog/src/seed';
import { createInventoryService } from '../../subgraphs/inventory/src/app';
import { MIGRATIONS_FOLDER as INVENTORY_MIGRATIONS } from '../../subgraphs/inventory/src/db';
import { productCatalogClient as inventoryCatalogClient } from '../../subgraphs/inventory/src/product-catalog.client';
import { seedDemoStock } from '../../subgraphs/inventory/src/seed';
import { createReviewsService } from '../../subgraphs/reviews/src/app';
import { catalogProductDirectory } from '../../subgraphs/reviews/src/catalog.client';
import { MIGRATIONS_FOLDER as REVIEWS_MIGRATIONS } from '../../subgraphs/reviews/src/db';
import { seedDemoReviews } from '../../subgraphs/reviews/src/seed';
import { createCartService } from '../../subgraphs/cart/src/app';
import { MIGRATIONS_FOLDER as CART_MIGRATIONS } from '../../subgraphs/cart/src/db';
import { productCatalogClient } from '../../subgraphs/cart/src/product-catalog.client';
import { createOrdersService, type OrdersService } from '../../subgraphs/orders/src/app';
import { subgraphPorts } from '../../subgraphs/orders/src/clients';
import { MIGRATIONS_FOLDER as ORDERS_MIGRATIONS } from '../../subgraphs/orders/src/db';
import { createPaymentsService, type PaymentsService } from '../../subgraphs/payments/src/app';
import { MIGRATIONS_FOLDER as PAYMENTS_MIGRATIONS } from '../../subgraphs/payments/src/db';
import { createSearchService } from '../../subgraphs/search/src/app';
import { MIGRATIONS_FOLDER as SEARCH_MIGRATIONS } from '../../subgraphs/search/src/db';
import { subscribeSearchIndexer } from '../../subgraphs/search/src/indexer';
import { seedSearch } from '../../subgraphs/search/src/seed';
import { createRecommendationsService } from '../../subgraphs/recommendations/src/app';
import { startRecommendationsConsumer } from '../../subgraphs/recommendations/src/consumer';
import { MIGRATIONS_FOLDER as RECOMMENDATIONS_MIGRATIONS } from '../../subgraphs/recommendations/src/db';
import { seedDemoProductCategories } from '../../subgraphs/recommendations/src/seed';
import { createNotificationsService } from '../../subgraphs/notifications/src/app';
import { MIGRATIONS_FOLDER as NOTIFICATIONS_MIGRATIONS } from '../../subgraphs/notifications/src/db';
import type { MailMessage } from '../../subgraphs/notifications/src/mail';
import { accountsRecipients } from '../../subgraphs/notifications/src/recipients';
import { CatalogOutboxRelay } from '../../subgraphs/catalog/src/events/outbox-relay';
import { connectEvents, type Events } from '@agora/events';
import { createRouter } from '../../router/src/app';
import { composeSupergraph } from '../../router/src/compose';
import { loadConfig } from '../../router/src/config';

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

/** One subgraph as the stack runs it: its service, its HTTP server and how many requests reached it. */
export interface StackSubgraph {
  service: Pick<SubgraphService<BaseContext>, 'queries' | 'close'>;
  running: RunningSubgraph;
  requests: { count: number };
}

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export interface Stack {
  url: string;
  secret: string;
  subgraphs: Record<SubgraphName, StackSubgraph>;
  accounts: AccountsService;
  reviews: ReturnType<typeof createReviewsService>;
  inventory: ReturnType<typeof createInventoryService>;
  payments: PaymentsService;
  orders: OrdersService;
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
  stop: () => Promise<void>;
}

function serve<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  secret: string,
): Promise<RunningSubgraph> {
  return serveSubgraph({
    ...service,
    port: 0,
    host: '127.0.0.1',
    identitySecret: secret,
    logger: createLogger(service.name, 'silent'),
  });
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
export async function startStack(options: { events?: boolean } = {}): Promise<Stack> {
  const secret = randomBytes(32).toString('hex');
  const dir = await mkdtemp(path.join(tmpdir(), 'agora-e2e-'));
  const databases: TestDatabase[] = [];
  const database = async (name: string, migrationsFolder?: string): Promise<TestDatabase> => {
    const created = await createTestDatabase(`e2e_${name}`, migrationsFolder);
    databases.push(created);
    return created;
  };
  const [
    accountsDb,
    inventoryDb,
    reviewsDb,
    cartDb,
    paymentsDb,
    ordersDb,
    searchDb,
    recommendationsDb,
    notificationsDb,
  ] = await Promise.all([
    database('accounts', ACCOUNTS_MIGRATIONS),
    database('inventory', INVENTORY_MIGRATIONS),
    database('reviews', REVIEWS_MIGRATIONS),
    database('cart', CART_MIGRATIONS),
    database('payments', PAYMENTS_MIGRATIONS),
    database('orders', ORDERS_MIGRATIONS),
    database('search', SEARCH_MIGRATIONS),
    database('recommendations', RECOMMENDATIONS_MIGRATIONS),
    database('notifications', NOTIFICATIONS_MIGRATIONS),
  ]);
  // Events flow only when a test asks for them (options.events): relays and consumers add background work.
  const eventsDb = options.events ? await database('events') : null;
  const events: Events | null = eventsDb ? await connectEvents({ databaseUrl: eventsDb.url }) : null;
  const relay = events ? { publisher: events.publisher, intervalMs: 100 } : undefined;

  const accounts = createAccountsService({ databaseUrl: accountsDb.url });
  const catalog = await createCatalogService({ dataDir: path.join(dir, 'catalog') });
  await Promise.all([seedDemoUsers(new UserRepository(accounts.db.db)), seedCatalog(catalog.store)]);
  await accounts.signingKeys.active();

  const running: Partial<Record<SubgraphName, StackSubgraph>> = {};
  const add = async <TContext extends BaseContext>(
    name: SubgraphName,
    service: SubgraphService<TContext>,
  ): Promise<StackSubgraph> => {
    const served = await serve(service, secret);
    const requests = { count: 0 };
    // Express has rewritten req.url by the time this listener runs; originalUrl keeps it.
    served.httpServer.on('request', (req: { originalUrl?: string }) => {
      if (req.originalUrl?.startsWith('/graphql')) requests.count += 1;
    });
    return (running[name] = { service, running: served, requests });
  };
  await add('accounts', accounts);
  const catalogRunning = await add('catalog', catalog);
  const inventory = createInventoryService({
    databaseUrl: inventoryDb.url,
    catalog: inventoryCatalogClient({ catalogUrl: catalogRunning.running.url, identitySecret: secret }),
  });
  await seedDemoStock(inventory.db);
  await add('inventory', inventory);
  const reviews = createReviewsService({
    databaseUrl: reviewsDb.url,
    products: catalogProductDirectory({ catalogUrl: catalogRunning.running.url, identitySecret: secret }),
  });
  await seedDemoReviews(reviews.db);
  await add('reviews', reviews);
  const catalogUrl = catalogRunning.running.url;
  const inventoryUrl = (running.inventory as StackSubgraph).running.url;
  const cart = createCartService({
    databaseUrl: cartDb.url,
    products: productCatalogClient({ catalogUrl, inventoryUrl, identitySecret: secret }),
  });
  const cartRunning = await add('cart', cart);
  // A short processor timeout keeps the time-out test card quick.
  const payments = createPaymentsService({ databaseUrl: paymentsDb.url, processorTimeoutMs: 300, relay });
  const paymentsRunning = await add('payments', payments);
  const orders = createOrdersService({
    databaseUrl: ordersDb.url,
    ports: subgraphPorts({
      urls: {
        cart: cartRunning.running.url,
        catalog: catalogUrl,
        inventory: inventoryUrl,
        payments: paymentsRunning.running.url,
      },
      identitySecret: secret,
    }),
    relay,
  });
  await add('orders', orders);

  const search = createSearchService({ databaseUrl: searchDb.url });
  const recommendations = createRecommendationsService({ databaseUrl: recommendationsDb.url });
  await Promise.all([seedSearch(search.db), seedDemoProductCategories(recommendations.db)]);
  const mail: MailMessage[] = [];
  const notifications = createNotificationsService({
    databaseUrl: notificationsDb.url,
    accounts: accountsRecipients({
      accountsUrl: (running.accounts as StackSubgraph).running.url,
      identitySecret: secret,
    }),
    mail: { send: (message) => Promise.resolve(void mail.push(message)) },
  });
  await add('search', search);
  await add('recommendations', recommendations);
  await add('notifications', notifications);
  let catalogRelay: CatalogOutboxRelay | null = null;
  if (events) {
    catalogRelay = new CatalogOutboxRelay({ products: catalog.store.products, publisher: events.publisher });
    // The demo seed's 500 ProductChanged events go out before anyone subscribes (as on a
    // first start, where search and recommendations seed themselves), so the test's own
    // events are not queued behind them.
    while ((await catalogRelay.relayOnce()).published > 0);
    await subscribeSearchIndexer(events.subscriber, search.db);
    await startRecommendationsConsumer({ db: recommendations.db, subscriber: events.subscriber });
    await notifications.startConsumer(events.subscriber);
    catalogRelay.start(100);
  }
  const subgraphs = running as Record<SubgraphName, StackSubgraph>;

  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].running.url])) as Record<
    SubgraphName,
    string
  >;
  const router = createRouter(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      IDENTITY_SECRET: secret,
      SUPERGRAPH_PATH: await composeFor(dir, urls),
      ACCOUNTS_JWKS_URL: `http://127.0.0.1:${subgraphs.accounts.running.port}/.well-known/jwks.json`,
    }),
  );
  const { url } = await router.start();

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
    secret,
    subgraphs,
    accounts,
    reviews,
    inventory,
    payments,
    orders,
    mail,
    request,
    logIn,
    resetCounters: () => {
      for (const name of SUBGRAPH_NAMES) {
        subgraphs[name].service.queries.reset();
        subgraphs[name].requests.count = 0;
      }
    },
    stop: async () => {
      await router.stop();
      await catalogRelay?.stop();
      for (const name of SUBGRAPH_NAMES) {
        await subgraphs[name].running.stop();
        await subgraphs[name].service.close();
      }
      await events?.close();
      await Promise.all(databases.map((database) => database.drop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export const DEMO = {
  customer: { email: 'customer@agora.dev', password: 'agora-customer' },
  admin: { email: 'admin@agora.dev', password: 'agora-admin' },
  shopper: (n: number) => ({ email: `shopper${n}@agora.dev`, password: 'agora-shopper' }),
};
