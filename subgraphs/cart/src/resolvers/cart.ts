import type { CartItemResolvers, CartResolvers } from '../__generated__/resolvers-types';
import { requireCartReader } from '../authorization';

export const Cart: CartResolvers = {
  // A cart's id is its owner's user id, so any key resolves (an empty cart when there is none).
  __resolveReference: (reference, { caller, loaders }) => {
    requireCartReader(caller, reference.id);
    return loaders.pricedCart.load(reference.id);
  },
};

export const CartItem: CartItemResolvers = {
  product: (item) => ({ __typename: 'Product', id: item.productId }),
  available: (item) => item.problem === null,
  unavailableReason: (item) => item.problem,
  unavailableMessage: (item) => item.problemMessage,
};
