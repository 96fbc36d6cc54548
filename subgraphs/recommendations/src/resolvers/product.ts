import type { ProductResolvers } from '../__generated__/resolvers-types';
import { parseFirst } from '../recommendation.service';
import { productRefs } from './mappers';

export const Product: ProductResolvers = {
  recommendations: async (product, args, { loaders }) => {
    const first = parseFirst(args.first);
    return productRefs(await loaders.productRecommendations.load({ id: product.id, first }));
  },
};
