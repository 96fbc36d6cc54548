import type { Document, Filter, FindOptions, Sort } from 'mongodb';
import { find } from 'mingo';
import type { Projection } from 'mingo/types';
import type { StoreCursor } from '../collection';
import { cloneDocument } from './clone';
import { keyDirections } from './indexes';

/**
 * A find cursor over a snapshot of the collection: mingo filters, sorts, limits and
 * projects. Results are deep copies, so a caller can never change stored documents.
 */
export class MemoryCursor<T extends Document> implements StoreCursor<T> {
  private sortSpec: Sort | undefined;
  private limitCount: number | undefined;

  constructor(
    private readonly documents: () => T[],
    private readonly filter: Filter<T>,
    private readonly options: FindOptions = {},
  ) {
    this.sortSpec = options.sort;
    this.limitCount = options.limit;
  }

  sort(sort: Sort): StoreCursor<T> {
    this.sortSpec = sort;
    return this;
  }

  limit(count: number): StoreCursor<T> {
    this.limitCount = count;
    return this;
  }

  toArray(): Promise<T[]> {
    try {
      return Promise.resolve(this.read());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private read(): T[] {
    const cursor = find<T>(this.documents(), this.filter, this.options.projection as Projection<T> | undefined);
    if (this.sortSpec !== undefined) cursor.sort(Object.fromEntries(keyDirections(this.sortSpec)));
    // Like the driver, a limit of 0 means no limit.
    if (this.limitCount) cursor.limit(this.limitCount);
    return cursor.all().map((document) => cloneDocument(document));
  }
}
