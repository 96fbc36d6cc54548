/** A catalog product as the cart refers to it: its id (the catalog resolves the rest). */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** An accounts user as the cart sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}
