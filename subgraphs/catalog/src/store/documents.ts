/**
 * The catalog's documents as both stores hold them. `_id` is a UUID string (never an
 * ObjectId) so ids are the same in every store and in the demo data; dates are real
 * `Date`s in both engines (the in-process one revives them when it loads its files).
 */
export interface MoneyDoc {
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
}

export interface CategoryDoc {
  _id: string;
  slug: string;
  name: string;
  parentId: string | null;
}
