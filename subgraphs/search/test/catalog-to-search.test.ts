import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { baseContext, execute, waitFor } from '@agora/testing';
import { createCatalogService } from '../../catalog/src/app';
import type { Context as CatalogContext } from '../../catalog/src/context';
import { CatalogOutboxRelay } from '../../catalog/src/events/outbox-relay';
import { startSearch, type SearchHarness } from './setup';

const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const admin = { userId: 'admin-1', roles: ['customer', 'admin'] };

let search: SearchHarness;
let catalog: Awaited<ReturnType<typeof createCatalogService>>;
let relay: CatalogOutboxRelay;
let dataDir: string;

beforeAll(async () => {
  search = await startSearch();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-catalog-'));
  catalog = await createCatalogService({ dataDir });
  await catalog.server.start();
  relay = new CatalogOutboxRelay({ products: catalog.store.products, publisher: search.events.publisher });
  relay.start(100);
});
afterAll(async () => {
  await relay.stop();
  await catalog.server.stop();
  await catalog.close();
  await rm(dataDir, { recursive: true, force: true });
  await search.stop();
});

describe('from the catalog to search', () => {
  it('finds a product the catalog created, through its outbox, relay and the search consumer', async () => {
    const categoryId = randomUUID();
    await catalog.store.categories.insertOne({ _id: categoryId, slug: 'audio', name: 'Audio', parentId: null });
    const created = await execute(catalog.server, catalog.createContext(baseContext(admin)) as CatalogContext, CREATE, {
      input: {
        name: 'Wireless Headphones',
        brand: 'Sonora',
        categoryId,
        price: { amount: 19900, currency: 'USD' },
      },
    });
    expect(created.errors).toBeUndefined();
    const productId = (created.data?.createProduct as { id: string }).id;

    await waitFor(async () => (await search.searchIds('hedphones')).includes(productId));
    expect(await search.searchIds('wireless', { filter: { categoryId, brand: 'Sonora' } })).toEqual([productId]);
  });
});
