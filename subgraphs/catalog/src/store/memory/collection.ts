import { isDeepStrictEqual } from 'node:util';
import type { Document, Filter, FindOptions, IndexSpecification, UpdateFilter } from 'mongodb';
import { Query, update as applyUpdate } from 'mingo';
import type { AnyObject } from 'mingo/types';
import type { StoreCollection, StoreCursor, UpdateOneOperation } from '../collection';
import { cloneDocument } from './clone';
import { MemoryCursor } from './cursor';
import { assertUnique, defaultIndexName, keyDirections, type IndexDefinition } from './indexes';
import type { JsonFiles } from './json-files';

type Stored = Document & { _id: string };

/**
 * One collection of the in-process engine: documents in memory, queried with mingo,
 * each change written to its JSON file before the call resolves (a bulkWrite: once
 * for the batch). A change whose write fails is undone in memory too, so memory
 * never holds what disk lost.
 */
export class MemoryCollection<T extends Stored> implements StoreCollection<T> {
  private readonly documents = new Map<string, T>();
  private readonly indexes: IndexDefinition[] = [{ name: '_id_', keys: [['_id', 1]], unique: true }];

  constructor(
    private readonly name: string,
    private readonly files: JsonFiles,
    initial: readonly T[],
  ) {
    for (const document of initial) this.documents.set(document._id, document);
  }

  find(filter: Filter<T>, options?: FindOptions): StoreCursor<T> {
    return new MemoryCursor<T>(() => [...this.documents.values()], filter, options);
  }

  async findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 }).toArray();
    return first ?? null;
  }

  insertOne(document: T): Promise<{ insertedId: string }> {
    return this.insertMany([document]).then(() => ({ insertedId: document._id }));
  }

  /** All or nothing: a duplicate anywhere in the batch inserts none of it. */
  async insertMany(documents: readonly T[]): Promise<{ insertedCount: number }> {
    const copies = documents.map((document) => cloneDocument(document));
    assertUnique(this.name, this.indexes, this.documents.values(), copies);
    for (const copy of copies) this.documents.set(copy._id, copy);
    await this.persist(() => copies.forEach((copy) => this.documents.delete(copy._id)));
    return { insertedCount: copies.length };
  }

  async findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: { returnDocument: 'before' | 'after' },
  ): Promise<T | null> {
    const change = this.updateInMemory(filter, update);
    if (!change) return null;
    await this.persist(() => this.documents.set(change.before._id, change.before));
    return cloneDocument(options.returnDocument === 'after' ? change.after : change.before);
  }

  /**
   * The updates in order, then one write of the file for all of them. Like the
   * driver's ordered bulk write, an update that fails (a unique key) stops the batch
   * and the ones before it stay (they are written before the error is thrown); a
   * failed write undoes them all.
   */
  async bulkWrite(
    operations: readonly UpdateOneOperation<T>[],
  ): Promise<{ matchedCount: number; modifiedCount: number }> {
    const applied: { before: T; after: T }[] = [];
    let failure: Error | undefined;
    try {
      for (const { updateOne } of operations) {
        const change = this.updateInMemory(updateOne.filter, updateOne.update);
        if (change) applied.push(change);
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    if (applied.length > 0) {
      await this.persist(() => [...applied].reverse().forEach(({ before }) => this.documents.set(before._id, before)));
    }
    if (failure !== undefined) throw failure;
    const modifiedCount = applied.filter(({ before, after }) => !isDeepStrictEqual(before, after)).length;
    return { matchedCount: applied.length, modifiedCount };
  }

  countDocuments(filter: Filter<T>): Promise<number> {
    const query = new Query(filter);
    let count = 0;
    for (const document of this.documents.values()) if (query.test(document)) count += 1;
    return Promise.resolve(count);
  }

  /** Idempotent, like the driver's; a unique index over duplicates already stored is refused. */
  createIndex(keys: IndexSpecification, options: { unique?: boolean; name?: string } = {}): Promise<string> {
    const directions = keyDirections(keys);
    const index = { name: options.name ?? defaultIndexName(directions), keys: directions, unique: !!options.unique };
    if (this.indexes.some((existing) => existing.name === index.name)) return Promise.resolve(index.name);
    try {
      assertUnique(this.name, [index], [], [...this.documents.values()]);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.indexes.push(index);
    return Promise.resolve(index.name);
  }

  /** Applies `update` to the first match in memory only (checked against the unique indexes). */
  private updateInMemory(filter: Filter<T>, update: UpdateFilter<T>): { before: T; after: T } | null {
    const before = this.firstMatch(filter);
    if (!before) return null;
    const after = cloneDocument(before);
    applyUpdate(after, update as AnyObject);
    if (after._id !== before._id) throw new Error(`${this.name}: _id cannot be changed`);
    const others = [...this.documents.values()].filter((document) => document._id !== before._id);
    assertUnique(this.name, this.indexes, others, [after]);
    this.documents.set(after._id, after);
    return { before, after };
  }

  private firstMatch(filter: Filter<T>): T | undefined {
    const query = new Query(filter);
    for (const document of this.documents.values()) if (query.test(document)) return document;
    return undefined;
  }

  private async persist(undo: () => void): Promise<void> {
    try {
      await this.files.write(this.name, [...this.documents.values()]);
    } catch (error) {
      undo();
      throw error;
    }
  }
}
