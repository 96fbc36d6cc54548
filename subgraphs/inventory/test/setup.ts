import { baseContext, createTestDatabase } from '@agora/testing';
import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { createInventoryService } from '../src/app';
import { MIGRATIONS_FOLDER } from '../src/db';
import type { Context } from '../src/context';

export type InventoryHarness = ReturnType<typeof createInventoryService> & {
  databaseUrl: string;
  context: (caller?: Caller | null) => Context;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own and the inventory service over it. */
export async function startInventory(): Promise<InventoryHarness> {
  const database = await createTestDatabase('inventory', MIGRATIONS_FOLDER);
  const service = createInventoryService({ databaseUrl: database.url });
  await service.server.start();
  return {
    ...service,
    databaseUrl: database.url,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
    },
  };
}

export const admin: Caller = { userId: 'admin-1', roles: ['customer', 'admin'] };
export const customer: Caller = { userId: 'customer-1', roles: ['customer'] };
/** What orders presents when it calls inventory on its own behalf. */
export const ordersService: Caller = serviceCaller('orders');
