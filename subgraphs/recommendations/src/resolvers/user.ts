import { requireSelf } from '@agora/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { parseFirst } from '../recommendation.service';
import { productRefs } from './mappers';

export const User: UserResolvers = {
  recommendedProducts: async (user, args, { caller, loaders }) => {
    // What a user bought shows through their recommendations: only they may see them.
    requireSelf(caller, user.id, 'You may only see your own recommendations.');
    const first = parseFirst(args.first);
    return productRefs(await loaders.userRecommendations.load({ id: user.id, first }));
  },
};
