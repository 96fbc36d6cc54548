/** A catalog product as recommendations refers to it: its id (the catalog resolves the rest). */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** An accounts user as recommendations sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/** References to products by id, for the router to resolve at the catalog. */
export function productRefs(ids: readonly string[]): ProductRef[] {
  return ids.map((id) => ({ __typename: 'Product', id }));
}
