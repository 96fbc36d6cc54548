import type { EntityRef } from '@agora/subgraph-kit';
import type { OrderPosition } from '../orders.repository';

/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;

/**
 * A connection not loaded yet: whose orders and which page. Its fields load lazily,
 * so asking only for `totalCount` does not read the page, and the other way round.
 */
export interface OrderConnectionRequest {
  userId: string;
  first: number;
  after: OrderPosition | null;
}
