import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '@agora/subgraph-kit';
import { baseContext } from '@agora/testing';
import { createCatalogService } from '../src/app';
import type { Context } from '../src/context';
import type { CategoryDoc, ProductDoc } from '../src/store';

export type CatalogHarness = Awaited<ReturnType<typeof createCatalogService>> & {
  context: (caller?: Caller | null) => Context;
  insertCategories: (...categories: CategoryDoc[]) => Promise<void>;
  insertProducts: (...products: ProductDoc[]) => Promise<void>;
  stop: () => Promise<void>;
};

/** The catalog service over an in-process store in a temporary folder of this test file's own. */
export async function startCatalog(): Promise<CatalogHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-catalog-'));
  const service = await createCatalogService({ dataDir });
  await service.server.start();
  return {
    ...service,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    insertCategories: async (...categories) => {
      await service.store.categories.insertMany(categories);
    },
    insertProducts: async (...products) => {
      await service.store.products.insertMany(products);
    },
    stop: async () => {
      await service.server.stop();
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const admin: Caller = { userId: 'admin-1', roles: ['customer', 'admin'] };
export const customer: Caller = { userId: 'customer-1', roles: ['customer'] };
