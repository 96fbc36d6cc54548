import type { EntityRef } from '@agora/subgraph-kit';
/** A catalog product, by its id. */
export type ProductRef = EntityRef<'Product'>;

/** An accounts user, by its id. */
export type UserRef = EntityRef<'User'>;

/** References to products by id, for the router to resolve at the catalog. */
export function productRefs(ids: readonly string[]): ProductRef[] {
  return ids.map((id) => ({ __typename: 'Product', id }));
}
