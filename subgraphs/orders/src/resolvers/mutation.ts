import { parseInput, requireCaller } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { checkoutInput } from '../checkout/input';

export const Mutation: MutationResolvers = {
  checkout: async (_parent, args, { caller, checkout, loaders, log, requestId, deadline }) => {
    const signedIn = requireCaller(caller);
    const input = parseInput(checkoutInput, args.input, 'input');
    const order = await checkout.checkout(input, { caller: signedIn, log, requestId, deadline });
    loaders.orderById.clear(order.id).prime(order.id, order);
    loaders.orderPages.clearAll();
    loaders.orderCount.clear(order.userId);
    return order;
  },
  cancelOrder: async (_parent, args, { caller, orders, loaders, requestId, deadline }) => {
    const order = await orders.cancel(requireCaller(caller), args.id, { requestId, deadline });
    loaders.orderById.clear(order.id).prime(order.id, order);
    loaders.orderPages.clearAll();
    return order;
  },
};
