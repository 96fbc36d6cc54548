import type { Document, Filter, FindOptions, IndexSpecification, Sort, UpdateFilter } from 'mongodb';

/** One update of a batch: the driver's `{ updateOne: { filter, update } }` operation. */
export interface UpdateOneOperation<T extends Document> {
  updateOne: { filter: Filter<T>; update: UpdateFilter<T> };
}

/**
 * The part of the driver's `Collection<T>` the catalog uses. The official driver's
 * collections satisfy it as they are, and the in-process engine implements it, so the
 * repositories run unchanged on either store. Filters, sorts and updates use the
 * driver's own types: the in-process engine evaluates them with mingo.
 */
export interface StoreCollection<T extends Document> {
  find(filter: Filter<T>, options?: FindOptions): StoreCursor<T>;
  findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null>;
  insertOne(document: T): Promise<unknown>;
  insertMany(documents: readonly T[]): Promise<unknown>;
  findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: { returnDocument: 'before' | 'after' },
  ): Promise<T | null>;
  /**
   * Applies the updates in order as one batch (the driver's ordered bulk write; the
   * in-process engine writes its file once): an update that fails stops the batch,
   * the ones before it stay. Resolves with how many documents matched and changed.
   */
  bulkWrite(operations: readonly UpdateOneOperation<T>[]): Promise<{ matchedCount: number; modifiedCount: number }>;
  countDocuments(filter: Filter<T>): Promise<number>;
  createIndex(keys: IndexSpecification, options?: { unique?: boolean; name?: string }): Promise<string>;
}

/** A find cursor: chain sort and limit, then read. */
export interface StoreCursor<T> {
  sort(sort: Sort): StoreCursor<T>;
  limit(count: number): StoreCursor<T>;
  toArray(): Promise<T[]>;
}

/** The driver's duplicate key error code, which the in-process engine answers with too. */
export const DUPLICATE_KEY = 11000;

/** True for a unique index violation, from either store. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}
