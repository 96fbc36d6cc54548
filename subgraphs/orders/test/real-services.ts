import type { Caller } from '@agora/subgraph-kit';
import {
  addCatalogProduct,
  type OperationResult,
  type Scrape,
  scrapeMetrics,
  startSubgraphs,
  type ServiceOf,
} from '@agora/testing';

/** Tests read results by path. */
export type Result = OperationResult<Record<string, any>>;

/**
 * The real catalog, inventory, payments, cart and orders subgraphs, each on its own
 * store, served over HTTP on free ports: orders reaches the others exactly as in
 * production (SubgraphClient, signed identities).
 */
export interface RealServices {
  orders: ServiceOf<'orders'>;
  /** Runs an operation on a served subgraph over HTTP as `caller`. */
  call: (
    service: 'orders' | 'cart',
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
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
  /** Scrapes a served subgraph's /metrics. */
  metrics: (service: 'orders' | 'payments') => Promise<Scrape>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'integration-admin', roles: ['customer', 'admin'] };

/**
 * Starts catalog (demo data in an in-process store), inventory, payments, cart and
 * orders from their public entries, each on its own store; test data goes in through
 * their own operations, in-process as an admin.
 */
export async function startRealServices(options: { processorTimeoutMs?: number } = {}): Promise<RealServices> {
  const started = await startSubgraphs(['catalog', 'inventory', 'payments', 'cart', 'orders'], {
    prefix: 'orders_it',
    seed: ['catalog'],
    // The never-answering test card gives up after 300 ms (unless told otherwise) instead of 3 s.
    env: { payments: { PROCESSOR_TIMEOUT_MS: String(options.processorTimeoutMs ?? 300) } },
  });
  const inProcess = async (
    name: 'catalog' | 'inventory' | 'payments',
    caller: Caller | null,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Result> => {
    const result = await started.execute(name, caller, query, variables);
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result;
  };
  const setStock: RealServices['setStock'] = async (productId, quantity) => {
    await inProcess(
      'inventory',
      admin,
      'mutation ($id: ID!, $q: Int!) { setStock(productId: $id, quantity: $q) { id } }',
      {
        id: productId,
        q: quantity,
      },
    );
  };
  const payments = started.subgraphs.payments.service.db.db;

  return {
    orders: started.subgraphs.orders.service,
    call: (service, caller, query, variables = {}, headers = {}) =>
      started.request(service, caller, query, variables, headers),
    addProduct: async ({ name, price, stock }) => {
      const id = await addCatalogProduct(started, { name, price: { amount: price, currency: 'EUR' } });
      await setStock(id, stock);
      return id;
    },
    setStock,
    deleteProduct: async (productId) => {
      await inProcess('catalog', admin, 'mutation ($id: ID!) { deleteProduct(id: $id) }', { id: productId });
    },
    availableQuantity: async (productId) => {
      const result = await inProcess(
        'inventory',
        null,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { availableQuantity } } }',
        { r: [{ __typename: 'Product', id: productId }] },
      );
      return result.data?._entities[0].availableQuantity as number;
    },
    payment: async (caller, orderId) => {
      const result = await inProcess(
        'payments',
        caller,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payment { status amount { amount } } } } }',
        { r: [{ __typename: 'Order', id: orderId }] },
      );
      return result.data?._entities[0].payment ?? null;
    },
    // payments' own table, as its database handle knows it (no import of its sources).
    paymentCount: () => payments.$count(payments._.fullSchema.payments),
    metrics: (service) => scrapeMetrics(started.subgraphs[service].running.url.replace(/\/graphql$/, '/metrics')),
    stop: started.stop,
  };
}
