import type { EntityRef } from '@agora/subgraph-kit';
import type { ReviewOwner, ReviewPosition } from '../review.repository';

/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;

/**
 * A connection not loaded yet: which list and which page. Its fields load lazily,
 * so asking only for `totalCount` does not read the page, and the other way round.
 */
export interface ReviewConnectionRequest {
  owner: ReviewOwner;
  ownerId: string;
  first: number;
  after: ReviewPosition | null;
}
