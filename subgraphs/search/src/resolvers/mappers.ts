/** A catalog product as search refers to it: its id (the catalog resolves the rest). */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}
