import type { Document } from 'mongodb';
import type { CategoryDoc, StoredProduct } from '../documents';
import type { EngineStore } from '../engine';
import { MemoryCollection } from './collection';
import { JsonFiles } from './json-files';

async function load<T extends Document & { _id: string }>(
  files: JsonFiles,
  name: string,
): Promise<MemoryCollection<T>> {
  // The files are the engine's own writing: their shape is what was stored.
  return new MemoryCollection<T>(name, files, (await files.read(name)) as T[]);
}

/**
 * The in-process engine over a data folder: used when no MONGODB_URL is set, so the
 * catalog runs with nothing installed. One process per folder.
 */
export async function openMemoryStore(dataDir: string): Promise<EngineStore> {
  const files = new JsonFiles(dataDir);
  await files.prepare();
  return {
    products: await load<StoredProduct>(files, 'products'),
    categories: await load<CategoryDoc>(files, 'categories'),
    ping: () => Promise.resolve(true),
    close: () => files.flush(),
  };
}
