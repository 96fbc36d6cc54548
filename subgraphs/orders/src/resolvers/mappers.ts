import type { KeysetPosition } from '@agora/postgres';
import type { ConnectionRequest, EntityRef } from '@agora/subgraph-kit';

/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;

/** A user's orders not loaded yet (`ownerId` is the user's id): see ConnectionRequest. */
export type OrderConnectionRequest = ConnectionRequest<KeysetPosition>;
