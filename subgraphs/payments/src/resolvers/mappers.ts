/** An order as payments sees it: its id (orders owns the rest). */
export interface OrderRef {
  __typename?: 'Order';
  id: string;
}
