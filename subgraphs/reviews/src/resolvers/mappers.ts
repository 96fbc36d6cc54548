import type { KeysetPosition } from '@agora/postgres';
import type { ConnectionRequest, EntityRef } from '@agora/subgraph-kit';
import type { ReviewOwner } from '../review.repository';

/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;

/** A list of reviews not loaded yet: of a product or by an author (`owner`), whose id is `ownerId`. See ConnectionRequest. */
export type ReviewConnectionRequest = ConnectionRequest<KeysetPosition> & { owner: ReviewOwner };
