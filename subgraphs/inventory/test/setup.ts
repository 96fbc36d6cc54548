import { baseContext, createTestDatabase } from '@agora/testing';
import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { createInventoryService } from '../src/app';
import { MIGRATIONS_FOLDER } from '../src/db';
import type { Context } from '../src/context';
import { startCatalog, type ServedCatalog } from './catalog';

export type InventoryHarness = ReturnType<typeof createInventoryService> & {
  databaseUrl: string;
  /** The real catalog this inventory asks which products exist. */
  catalog: ServedCatalog;
  context: (caller?: Caller | null) => Context;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own, a catalog of its own, and the inventory service over them. */
export async function startInventory(): Promise<InventoryHarness> {
  const database = await createTestDatabase('inventory', MIGRATIONS_FOLDER);
  const catalog = await startCatalog();
  const service = createInventoryService({ databaseUrl: database.url, catalog: catalog.client });
  await service.server.start();
  return {
    ...service,
    databaseUrl: database.url,
    catalog,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    stop: async () => {
      await service.server.stop();
      await service.close();
      await catalog.stop();
      await database.drop();
    },
  };
}

export const admin: Caller = { userId: 'admin-1', roles: ['customer', 'admin'] };
export const customer: Caller = { userId: 'customer-1', roles: ['customer'] };
/** What orders presents when it calls inventory on its own behalf. */
export const ordersService: Caller = serviceCaller('orders');
