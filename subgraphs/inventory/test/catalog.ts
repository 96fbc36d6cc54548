import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, serveSubgraph, type Caller } from '@agora/subgraph-kit';
import { baseContext, execute } from '@agora/testing';
import { createCatalogService } from '../../catalog/src/app';
import type { ProductCatalog } from '../src/product-catalog';
import { productCatalogClient } from '../src/product-catalog.client';

/** The real catalog subgraph over HTTP: inventory asks it which products exist. */
export interface ServedCatalog {
  /** What inventory calls the catalog through, signed with this catalog's secret. */
  client: ProductCatalog;
  /** GraphQL requests that reached the catalog. */
  requests: { count: number };
  /** Adds a product to the catalog; returns its id. */
  addProduct: () => Promise<string>;
  /** Deletes a product as an admin would. */
  deleteProduct: (productId: string) => Promise<void>;
  stop: () => Promise<void>;
}

const admin: Caller = { userId: 'catalog-admin', roles: ['customer', 'admin'] };

/** Starts the catalog (in-process store in a temporary folder) on a free port. */
export async function startCatalog(): Promise<ServedCatalog> {
  const secret = randomUUID() + randomUUID();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agora-inventory-catalog-'));
  const service = await createCatalogService({ dataDir });
  const running = await serveSubgraph({
    ...service,
    port: 0,
    host: '127.0.0.1',
    identitySecret: secret,
    logger: createLogger('catalog', 'silent'),
  });
  const requests = { count: 0 };
  // Express has rewritten req.url by the time this listener runs; originalUrl keeps it.
  running.httpServer.on('request', (req: { originalUrl?: string }) => {
    if (req.originalUrl?.startsWith('/graphql')) requests.count += 1;
  });
  const categoryId = randomUUID();
  await service.store.categories.insertOne({
    _id: categoryId,
    slug: 'stock-tests',
    name: 'Stock tests',
    parentId: null,
  });
  return {
    client: productCatalogClient({ catalogUrl: running.url, identitySecret: secret }),
    requests,
    addProduct: async () => {
      const id = randomUUID();
      const now = new Date();
      await service.store.products.insertOne({
        _id: id,
        slug: `product-${id}`,
        name: `Product ${id.slice(0, 8)}`,
        description: 'A product made for an inventory test.',
        brand: 'Testbrand',
        categoryId,
        price: { amount: 1000, currency: 'USD' },
        images: [],
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    deleteProduct: async (productId) => {
      const context = await service.createContext(baseContext(admin));
      const result = await execute(service.server, context, 'mutation ($id: ID!) { deleteProduct(id: $id) }', {
        id: productId,
      });
      if (result.errors) throw new Error(`catalog: ${JSON.stringify(result.errors)}`);
    },
    stop: async () => {
      await running.stop();
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
