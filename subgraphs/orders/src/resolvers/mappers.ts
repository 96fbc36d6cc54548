import type { OrderPosition } from '../orders.repository';

/** A catalog product as orders sees it: its id (the catalog resolves the rest). */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** An accounts user as orders sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/**
 * A connection not loaded yet: whose orders and which page. Its fields load lazily,
 * so asking only for `totalCount` does not read the page, and the other way round.
 */
export interface OrderConnectionRequest {
  userId: string;
  first: number;
  after: OrderPosition | null;
}
