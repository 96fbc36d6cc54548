import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLogger,
  serveSubgraph,
  type BaseContext,
  type Caller,
  type RunningSubgraph,
  type SubgraphService,
} from '@agora/subgraph-kit';
import { baseContext, createTestDatabase, execute } from '@agora/testing';
import { createCatalogService } from '../../catalog/src/app';
import { createInventoryService } from '../../inventory/src/app';
import { MIGRATIONS_FOLDER as INVENTORY_MIGRATIONS } from '../../inventory/src/db';
import { productCatalogClient as inventoryCatalogClient } from '../../inventory/src/product-catalog.client';

/** One upstream subgraph served over HTTP, with the GraphQL requests that reached it. */
export interface ServedSubgraph {
  running: RunningSubgraph;
  requests: { count: number };
}

/** The real catalog and inventory subgraphs the cart asks for prices and stock. */
export interface Upstream {
  secret: string;
  catalog: ServedSubgraph;
  inventory: ServedSubgraph;
  /** Adds a product to the catalog with `stock` units in the inventory; returns its id. */
  addProduct: (product: { name?: string; price: number; currency?: string; stock: number }) => Promise<string>;
  setPrice: (productId: string, amount: number, currency?: string) => Promise<void>;
  setStock: (productId: string, quantity: number) => Promise<void>;
  deleteProduct: (productId: string) => Promise<void>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'upstream-admin', roles: ['customer', 'admin'] };

async function serve<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  secret: string,
): Promise<ServedSubgraph> {
  const running = await serveSubgraph({
    ...service,
    port: 0,
    host: '127.0.0.1',
    identitySecret: secret,
    logger: createLogger(service.name, 'silent'),
  });
  const requests = { count: 0 };
  // Express has rewritten req.url by the time this listener runs; originalUrl keeps it.
  running.httpServer.on('request', (req: { originalUrl?: string }) => {
    if (req.originalUrl?.startsWith('/graphql')) requests.count += 1;
  });
  return { running, requests };
}

/** Runs an admin operation on an upstream service in-process (test data, not counted as a request). */
async function asAdmin<TContext extends BaseContext>(
  service: SubgraphService<TContext>,
  query: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const result = await execute(service.server, await service.createContext(baseContext(admin)), query, variables);
  if (result.errors) throw new Error(`${service.name}: ${JSON.stringify(result.errors)}`);
}

/** Starts the catalog (in-process store in a temporary folder) and inventory (its own database) over HTTP. */
export async function startUpstream(secret: string): Promise<Upstream> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agora-cart-catalog-'));
  const inventoryDb = await createTestDatabase('cart_inventory', INVENTORY_MIGRATIONS);
  const catalogService = await createCatalogService({ dataDir });
  const categoryId = randomUUID();
  await catalogService.store.categories.insertOne({
    _id: categoryId,
    slug: 'cart-tests',
    name: 'Cart tests',
    parentId: null,
  });
  const catalog = await serve(catalogService, secret);
  const inventoryService = createInventoryService({
    databaseUrl: inventoryDb.url,
    catalog: inventoryCatalogClient({ catalogUrl: catalog.running.url, identitySecret: secret }),
  });
  const inventory = await serve(inventoryService, secret);

  const setStock: Upstream['setStock'] = (productId, quantity) =>
    asAdmin(inventoryService, 'mutation ($id: ID!, $q: Int!) { setStock(productId: $id, quantity: $q) { id } }', {
      id: productId,
      q: quantity,
    });

  return {
    secret,
    catalog,
    inventory,
    addProduct: async ({ name, price, currency = 'USD', stock }) => {
      const id = randomUUID();
      const now = new Date();
      await catalogService.store.products.insertOne({
        _id: id,
        slug: `product-${id}`,
        name: name ?? `Product ${id.slice(0, 8)}`,
        description: 'A product made for a cart test.',
        brand: 'Testbrand',
        categoryId,
        price: { amount: price, currency },
        images: [],
        createdAt: now,
        updatedAt: now,
      });
      await setStock(id, stock);
      return id;
    },
    setPrice: (productId, amount, currency = 'USD') =>
      asAdmin(
        catalogService,
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
        {
          id: productId,
          input: { price: { amount, currency } },
        },
      ),
    setStock,
    deleteProduct: (productId) =>
      asAdmin(catalogService, 'mutation ($id: ID!) { deleteProduct(id: $id) }', { id: productId }),
    stop: async () => {
      await catalog.running.stop();
      await inventory.running.stop();
      await catalogService.close();
      await inventoryService.close();
      await inventoryDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
