import type { EntityRef } from '@agora/subgraph-kit';
/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;
