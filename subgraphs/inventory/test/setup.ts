import { baseContext, createTestDatabase, type TestDatabase } from '@agora/testing';
import type { Caller } from '@agora/subgraph-kit';
import { createInventoryServer } from '../src/app';
import { contextFactory } from '../src/context';
import { connectInventoryDb, MIGRATIONS_FOLDER, type InventoryDb } from '../src/db';

export interface InventoryHarness {
  server: ReturnType<typeof createInventoryServer>;
  db: InventoryDb;
  context: (caller?: Caller | null) => ReturnType<ReturnType<typeof contextFactory>>;
  close: () => Promise<void>;
}

/** A migrated database of this test file's own and a server over it. */
export async function startInventory(): Promise<InventoryHarness> {
  const database: TestDatabase = await createTestDatabase('inventory', MIGRATIONS_FOLDER);
  const db = connectInventoryDb(database.url);
  const server = createInventoryServer();
  await server.start();
  const factory = contextFactory(db);
  return {
    server,
    db,
    context: (caller = null) => factory(baseContext(caller)),
    close: async () => {
      await server.stop();
      await db.close();
      await database.drop();
    },
  };
}

export const admin: Caller = { userId: 'admin-1', roles: ['customer', 'admin'] };
export const customer: Caller = { userId: 'customer-1', roles: ['customer'] };
