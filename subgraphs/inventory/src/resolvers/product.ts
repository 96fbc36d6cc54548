import type { ProductResolvers } from '../__generated__/resolvers-types';

export const Product: ProductResolvers = {
  availableQuantity: (product, _args, { loaders }) => loaders.quantity.load(product.id),
  inStock: async (product, _args, { loaders }) => (await loaders.quantity.load(product.id)) > 0,
};
