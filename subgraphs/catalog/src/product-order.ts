import { badUserInput, decodeCursor, encodeCursor } from '@agora/subgraph-kit';
import type { ProductDoc } from './store';

export type ProductSort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';

export type SortKey = Date | number | string;

/** How one listing order sorts: a field, a direction, and `_id` to break ties. */
export interface ProductOrder {
  field: 'createdAt' | 'price.amount' | 'name';
  direction: 1 | -1;
  keyOf: (product: ProductDoc) => SortKey;
  /** The key read back from a cursor, or undefined when it is not this order's kind. */
  keyFromCursor: (value: unknown) => SortKey | undefined;
}

/** Where the previous page ended: the last row's sort key and id. */
export interface ProductPosition {
  key: SortKey;
  id: string;
}

const epochMs = (value: unknown): Date | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) ? new Date(value) : undefined;
const integer = (value: unknown): number | undefined => (Number.isSafeInteger(value) ? (value as number) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const productOrders: Record<ProductSort, ProductOrder> = {
  NEWEST: { field: 'createdAt', direction: -1, keyOf: (p) => p.createdAt, keyFromCursor: epochMs },
  PRICE_ASC: { field: 'price.amount', direction: 1, keyOf: (p) => p.price.amount, keyFromCursor: integer },
  PRICE_DESC: { field: 'price.amount', direction: -1, keyOf: (p) => p.price.amount, keyFromCursor: integer },
  NAME_ASC: { field: 'name', direction: 1, keyOf: (p) => p.name, keyFromCursor: text },
};

/** The cursor of `product` in `sort`: the order's name, its sort key (dates as epoch ms) and id. */
export function encodeProductCursor(sort: ProductSort, product: ProductDoc): string {
  const key = productOrders[sort].keyOf(product);
  return encodeCursor([sort, key instanceof Date ? key.getTime() : key, product._id]);
}

/** Reads an `after` cursor; one made for another order, or not made here at all, is BAD_USER_INPUT. */
export function decodeProductCursor(sort: ProductSort, cursor: string, field = 'after'): ProductPosition {
  const [cursorSort, value, id] = decodeCursor(cursor, 3, field);
  const key = productOrders[sort].keyFromCursor(value);
  if (cursorSort !== sort || key === undefined || typeof id !== 'string') {
    throw badUserInput(`${field}: is not a valid cursor for sort ${sort}`, field);
  }
  return { key, id };
}
