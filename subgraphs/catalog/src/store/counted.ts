import type { StoreCounter } from '@agora/subgraph-kit';
import type { Document } from 'mongodb';
import type { StoreCollection, StoreCursor } from './collection';

/** Store operations since the last reset (one per collection call, whatever the engine). */
export class OperationCounter implements StoreCounter {
  count = 0;
  reset(): void {
    this.count = 0;
  }
}

/**
 * Wraps a collection of either engine so every operation is counted in this one
 * place: a `find` counts once, however it is then sorted, limited and read.
 */
export function countedCollection<T extends Document>(
  inner: StoreCollection<T>,
  counter: OperationCounter,
): StoreCollection<T> {
  const counted = <R>(run: () => R): R => {
    counter.count += 1;
    return run();
  };
  return {
    find: (filter, options): StoreCursor<T> => counted(() => inner.find(filter, options)),
    findOne: (filter, options) => counted(() => inner.findOne(filter, options)),
    insertOne: (document) => counted(() => inner.insertOne(document)),
    insertMany: (documents) => counted(() => inner.insertMany(documents)),
    findOneAndUpdate: (filter, update, options) => counted(() => inner.findOneAndUpdate(filter, update, options)),
    bulkWrite: (operations) => counted(() => inner.bulkWrite(operations)),
    countDocuments: (filter) => counted(() => inner.countDocuments(filter)),
    createIndex: (keys, options) => counted(() => inner.createIndex(keys, options)),
  };
}
