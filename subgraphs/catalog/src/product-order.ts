import { cursorCodec, cursorField, type CursorCodec, MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import type { z } from 'zod';
import { MAX_NAME_LENGTH } from './product.input';
import type { ProductDoc } from './store';

export type ProductSort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';

type SortKey = Date | number | string;

/** Where the previous page ended: the last row's sort key and id. */
export interface ProductPosition {
  key: SortKey;
  id: string;
}

/** How one listing order sorts: a field, a direction, and `_id` to break ties. */
export interface ProductOrder {
  field: 'createdAt' | 'price.amount' | 'name';
  direction: 1 | -1;
  keyOf: (product: ProductDoc) => SortKey;
  /** The cursor of `product` in this order: the order's name, its sort key and its id. */
  cursorOf: (product: ProductDoc) => string;
  /** The position an `after` cursor of this order points at; BAD_USER_INPUT for any other cursor. */
  positionOf: (cursor: string, field?: string) => ProductPosition;
}

/**
 * One listing order. Its cursor names the order, so a cursor of another order is
 * refused rather than read as a key of the wrong kind; ids are the catalog's UUIDs.
 */
function productOrder<TKey extends SortKey>(
  sort: ProductSort,
  field: ProductOrder['field'],
  direction: ProductOrder['direction'],
  keyOf: (product: ProductDoc) => TKey,
  key: z.ZodType<TKey, unknown>,
): ProductOrder {
  const cursor: CursorCodec<[ProductSort, TKey, string]> = cursorCodec(
    cursorField.oneOf([sort]),
    key,
    cursorField.uuid(),
  );
  return {
    field,
    direction,
    keyOf,
    cursorOf: (product) => cursor.encode([sort, keyOf(product), product._id]),
    positionOf: (text, name) => {
      const [, value, id] = cursor.decode(text, name);
      return { key: value, id };
    },
  };
}

const createdAt = (product: ProductDoc): Date => product.createdAt;
const price = (product: ProductDoc): number => product.price.amount;
const name = (product: ProductDoc): string => product.name;
const priceKey = cursorField.integer({ min: 0, max: MAX_MONEY_AMOUNT });
const nameKey = cursorField.text(MAX_NAME_LENGTH);

export const productOrders: Record<ProductSort, ProductOrder> = {
  NEWEST: productOrder('NEWEST', 'createdAt', -1, createdAt, cursorField.epochMs()),
  PRICE_ASC: productOrder('PRICE_ASC', 'price.amount', 1, price, priceKey),
  PRICE_DESC: productOrder('PRICE_DESC', 'price.amount', -1, price, priceKey),
  NAME_ASC: productOrder('NAME_ASC', 'name', 1, name, nameKey),
};
