import { requireCaller } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { PricedCart } from '../pricing';

/** The caller's cart as it is after a change (the lines read before it no longer hold). */
function cartAfterChange(userId: string, { loaders }: Context): Promise<PricedCart> {
  loaders.lines.clear(userId);
  loaders.pricedCart.clear(userId);
  return loaders.pricedCart.load(userId);
}

export const Mutation: MutationResolvers = {
  addToCart: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.add(userId, args.productId, args.quantity);
    return cartAfterChange(userId, context);
  },
  updateCartItem: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.update(userId, args.itemId, args.quantity);
    return cartAfterChange(userId, context);
  },
  removeFromCart: async (_parent, args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.remove(userId, args.itemId);
    return cartAfterChange(userId, context);
  },
  clearCart: async (_parent, _args, context) => {
    const { userId } = requireCaller(context.caller);
    await context.carts.clear(userId);
    return cartAfterChange(userId, context);
  },
};
