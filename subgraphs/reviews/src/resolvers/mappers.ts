import type { ReviewOwner, ReviewPosition } from '../review.repository';

/** A catalog product as reviews sees it: its id (everything else is loaded per field). */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** An accounts user as reviews sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

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
