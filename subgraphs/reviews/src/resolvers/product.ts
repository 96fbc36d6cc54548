import type { ProductResolvers } from '../__generated__/resolvers-types';
import { reviewConnection } from './connection';

export const Product: ProductResolvers = {
  reviews: (product, args) => reviewConnection('productId', product.id, args),
  averageRating: async (product, _args, { loaders }) => (await loaders.productStats.load(product.id)).averageRating,
  reviewCount: async (product, _args, { loaders }) => (await loaders.productStats.load(product.id)).count,
};
