import { requireCaller } from '@agora/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { canReadOrder } from '../order.service';

export const Query: QueryResolvers = {
  order: async (_parent, args, { caller, loaders }) => {
    const signedIn = requireCaller(caller);
    const order = await loaders.orderById.load(args.id);
    return order && canReadOrder(signedIn, order) ? order : null;
  },
};
