import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { openCatalogStore, type CatalogStore } from '../../src/store';

/** Where one test's store lives: opening it again finds what was written before. */
export interface StoreLocation {
  open: () => Promise<CatalogStore>;
  dispose: () => Promise<void>;
}

export type StoreFactory = () => Promise<StoreLocation>;

/** The in-process engine in a fresh temporary folder. */
export const memoryStores: StoreFactory = async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-catalog-'));
  return {
    open: () => openCatalogStore({ dataDir }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
};

/** A fresh database of its own on the MongoDB server at `url`, dropped afterwards. */
export function mongoStores(url: string): StoreFactory {
  return () => {
    const mongodbDb = `test_catalog_${randomBytes(4).toString('hex')}`;
    return Promise.resolve({
      open: () => openCatalogStore({ mongodbUrl: url, mongodbDb, dataDir: 'unused' }),
      dispose: async () => {
        const client = await MongoClient.connect(url);
        try {
          await client.db(mongodbDb).dropDatabase();
        } finally {
          await client.close();
        }
      },
    });
  };
}

/** Opens a fresh store before each test and closes and removes it after. */
export function useStore(factory: StoreFactory): { store: () => CatalogStore; location: () => StoreLocation } {
  let location: StoreLocation | undefined;
  let store: CatalogStore | undefined;
  beforeEach(async () => {
    location = await factory();
    store = await location.open();
  });
  afterEach(async () => {
    await store?.close();
    await location?.dispose();
  });
  return {
    store: () => store!,
    location: () => location!,
  };
}
