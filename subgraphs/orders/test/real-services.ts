import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLogger,
  IDENTITY_HEADER,
  serveSubgraph,
  signIdentity,
  type BaseContext,
  type Caller,
  type RunningSubgraph,
  type SubgraphService,
} from '@agora/subgraph-kit';
import { baseContext, createTestDatabase, execute, type OperationResult, type TestDatabase } from '@agora/testing';
// Tests may start other subgraphs (the services never import each other).
import { createCartService } from '../../cart/src/app';
import { MIGRATIONS_FOLDER as CART_MIGRATIONS } from '../../cart/src/db';
import { productCatalogClient } from '../../cart/src/product-catalog.client';
import { createCatalogService } from '../../catalog/src/app';
import { createInventoryService } from '../../inventory/src/app';
import { productCatalogClient as inventoryCatalogClient } from '../../inventory/src/product-catalog.client';
import { MIGRATIONS_FOLDER as INVENTORY_MIGRATIONS } from '../../inventory/src/db';
import { createPaymentsService } from '../../payments/src/app';
import { MIGRATIONS_FOLDER as PAYMENTS_MIGRATIONS, schema as paymentsSchema } from '../../payments/src/db';
import { createOrdersService, type OrdersService } from '../src/app';
import { subgraphPorts } from '../src/clients';
import { MIGRATIONS_FOLDER as ORDERS_MIGRATIONS } from '../src/db';

/** Tests read results by path. */
export type Result = OperationResult<Record<string, any>>;

/**
 * The real catalog, inventory, payments, cart and orders subgraphs, each on its own
 * store, served over HTTP on free ports: orders reaches the others exactly as in
 * production (SubgraphClient, signed identities).
 */
export interface RealServices {
  orders: OrdersService;
  /** Runs an operation on a served subgraph over HTTP as `caller`. */
  call: (
    service: 'orders' | 'cart',
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<Result>;
  /** Adds a catalog product with `stock` units in the inventory; returns its id. */
  addProduct: (product: { name: string; price: number; stock: number }) => Promise<string>;
  setStock: (productId: string, quantity: number) => Promise<void>;
  /** Removes a product from sale (the catalog keeps it as a tombstone). */
  deleteProduct: (productId: string) => Promise<void>;
  availableQuantity: (productId: string) => Promise<number>;
  /** The order's payment as payments tells its customer; null when none. */
  payment: (caller: Caller, orderId: string) => Promise<{ status: string; amount: { amount: number } } | null>;
  /** Rows in payments' table: how many payments were ever made. */
  paymentCount: () => Promise<number>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'integration-admin', roles: ['customer', 'admin'] };

async function inProcess<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  caller: Caller | null,
  query: string,
  variables: Record<string, unknown>,
): Promise<Result> {
  const result: Result = await execute(
    service.server,
    await service.createContext(baseContext(caller)),
    query,
    variables,
  );
  if (result.errors) throw new Error(`${service.name}: ${JSON.stringify(result.errors)}`);
  return result;
}

export async function startRealServices(): Promise<RealServices> {
  const secret = randomBytes(32).toString('hex');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agora-orders-catalog-'));
  const databases: TestDatabase[] = await Promise.all([
    createTestDatabase('orders_it_inventory', INVENTORY_MIGRATIONS),
    createTestDatabase('orders_it_payments', PAYMENTS_MIGRATIONS),
    createTestDatabase('orders_it_cart', CART_MIGRATIONS),
    createTestDatabase('orders_it_orders', ORDERS_MIGRATIONS),
  ]);
  const [inventoryDb, paymentsDb, cartDb, ordersDb] = databases as [
    TestDatabase,
    TestDatabase,
    TestDatabase,
    TestDatabase,
  ];

  const running: RunningSubgraph[] = [];
  const services: SubgraphService<BaseContext>[] = [];
  const serve = async <TContext extends BaseContext>(service: SubgraphService<TContext>): Promise<string> => {
    const served = await serveSubgraph({
      ...service,
      port: 0,
      host: '127.0.0.1',
      identitySecret: secret,
      logger: createLogger(service.name, 'silent'),
    });
    running.push(served);
    services.push(service as unknown as SubgraphService<BaseContext>);
    return served.url;
  };

  const catalog = await createCatalogService({ dataDir });
  const categoryId = randomUUID();
  await catalog.store.categories.insertOne({
    _id: categoryId,
    slug: 'orders-tests',
    name: 'Orders tests',
    parentId: null,
  });
  const catalogUrl = await serve(catalog);
  const inventory = createInventoryService({
    databaseUrl: inventoryDb.url,
    catalog: inventoryCatalogClient({ catalogUrl, identitySecret: secret }),
  });
  // The never-answering test card gives up after 300 ms instead of 3 s.
  const payments = createPaymentsService({ databaseUrl: paymentsDb.url, processorTimeoutMs: 300 });
  const urls = { catalog: catalogUrl, inventory: await serve(inventory), payments: await serve(payments) };
  const cart = createCartService({
    databaseUrl: cartDb.url,
    products: productCatalogClient({ catalogUrl: urls.catalog, inventoryUrl: urls.inventory, identitySecret: secret }),
  });
  const cartUrl = await serve(cart);
  const orders = createOrdersService({
    databaseUrl: ordersDb.url,
    ports: subgraphPorts({ urls: { ...urls, cart: cartUrl }, identitySecret: secret }),
  });
  const ordersUrl = await serve(orders);

  const setStock: RealServices['setStock'] = async (productId, quantity) => {
    await inProcess(
      inventory,
      admin,
      'mutation ($id: ID!, $q: Int!) { setStock(productId: $id, quantity: $q) { id } }',
      {
        id: productId,
        q: quantity,
      },
    );
  };

  return {
    orders,
    call: async (service, caller, query, variables = {}) => {
      const response = await fetch(service === 'orders' ? ordersUrl : cartUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(caller, secret) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Result;
    },
    addProduct: async ({ name, price, stock }) => {
      const id = randomUUID();
      const now = new Date();
      await catalog.store.products.insertOne({
        _id: id,
        slug: `product-${id}`,
        name,
        description: 'A product made for an orders test.',
        brand: 'Testbrand',
        categoryId,
        price: { amount: price, currency: 'EUR' },
        images: [],
        createdAt: now,
        updatedAt: now,
      });
      await setStock(id, stock);
      return id;
    },
    setStock,
    deleteProduct: async (productId) => {
      await inProcess(catalog, admin, 'mutation ($id: ID!) { deleteProduct(id: $id) }', { id: productId });
    },
    availableQuantity: async (productId) => {
      const result = await inProcess(
        inventory,
        null,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { availableQuantity } } }',
        { r: [{ __typename: 'Product', id: productId }] },
      );
      return result.data?._entities[0].availableQuantity as number;
    },
    payment: async (caller, orderId) => {
      const result = await inProcess(
        payments,
        caller,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payment { status amount { amount } } } } }',
        { r: [{ __typename: 'Order', id: orderId }] },
      );
      return result.data?._entities[0].payment ?? null;
    },
    paymentCount: () => payments.db.db.$count(paymentsSchema.payments),
    stop: async () => {
      for (const served of running.reverse()) await served.stop();
      for (const service of services) await service.close();
      await Promise.all(databases.map((database) => database.drop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
