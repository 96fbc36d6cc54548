import { isoTimestamp } from '@agora/subgraph-kit';
import type { ReviewResolvers } from '../__generated__/resolvers-types';

export const Review: ReviewResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.reviewById.load(reference.id),
  // References only: accounts and catalog resolve the rest of these entities.
  author: (review) => ({ __typename: 'User', id: review.authorId }),
  product: (review) => ({ __typename: 'Product', id: review.productId }),
  createdAt: (review) => isoTimestamp(review.createdAt),
};
