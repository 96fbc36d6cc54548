import { requireCaller } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { reloadCart } from '../loaders';
import { checkoutMutations } from './checkout-mutations';

export const Mutation: MutationResolvers = {
  ...checkoutMutations,
  addToCart: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.add(userId, args.productId, args.quantity);
    return reloadCart(context.loaders, userId);
  },
  updateCartItem: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.update(userId, args.itemId, args.quantity);
    return reloadCart(context.loaders, userId);
  },
  removeFromCart: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.remove(userId, args.itemId);
    return reloadCart(context.loaders, userId);
  },
  clearCart: async (_parent, _args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.clear(userId);
    return reloadCart(context.loaders, userId);
  },
};
