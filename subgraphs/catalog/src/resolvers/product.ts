import { isoTimestamp, isoTimestampOrNull } from '@agora/subgraph-kit';
import type { ProductResolvers } from '../__generated__/resolvers-types';

export const Product: ProductResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.productById.load(reference.id),
  id: (product) => product._id,
  category: async (product, _args, { loaders }) => {
    const category = await loaders.categoryById.load(product.categoryId);
    // Categories are never deleted while products use them; a missing one is a broken store.
    if (!category) throw new Error(`product ${product._id} has unknown category ${product.categoryId}`);
    return category;
  },
  createdAt: (product) => isoTimestamp(product.createdAt),
  deletedAt: (product) => isoTimestampOrNull(product.deletedAt),
};
