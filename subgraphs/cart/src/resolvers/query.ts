import { requireCaller } from '@agora/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  // Reading never creates a cart: a user without one gets an empty cart with their id.
  cart: (_parent, _args, { caller, loaders }) => loaders.pricedCart.load(requireCaller(caller).userId),
};
