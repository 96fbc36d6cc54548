import type { ParkedEvent, PendingEvent } from '../events/product-events';

/**
 * The catalog's documents as both stores hold them. `_id` is a UUID string (never an
 * ObjectId) so ids are the same in every store and in the demo data; dates are real
 * `Date`s in both engines (the in-process one revives them when it loads its files).
 */
interface MoneyDoc {
  /** Minor units (cents): money is never a float. */
  amount: number;
  /** ISO-4217 code, e.g. USD. */
  currency: string;
}

export interface ProductDoc {
  _id: string;
  slug: string;
  name: string;
  description: string;
  brand: string;
  categoryId: string;
  price: MoneyDoc;
  images: string[];
  createdAt: Date;
  updatedAt: Date;
  /**
   * When an admin removed the product from sale. The document stays as a tombstone:
   * orders, reviews and carts that refer to the product still resolve it, while no
   * listing, search or lookup by slug shows it again.
   */
  deletedAt?: Date;
}

/**
 * A product as the store holds it: the product, plus the events its writes recorded
 * that are not published yet (a single-document write is atomic in both engines, so
 * the change and its event commit together).
 */
export interface StoredProduct extends ProductDoc {
  pendingEvents?: PendingEvent[];
  /** Events the relay could not publish, set aside so the ones after them go out. */
  parkedEvents?: ParkedEvent[];
}

export interface CategoryDoc {
  _id: string;
  slug: string;
  name: string;
  parentId: string | null;
}
