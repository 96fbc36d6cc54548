import { parseInput, requireCaller } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { addReviewInput } from '../review.service';

export const Mutation: MutationResolvers = {
  addReview: async (_parent, args, { caller, reviews, loaders }) => {
    const author = requireCaller(caller);
    const input = parseInput(addReviewInput, args.input, 'input');
    const review = await reviews.add(author, input);
    // Lists and counts read earlier in this request no longer hold.
    loaders.productStats.clear(review.productId);
    loaders.authorReviewCount.clear(review.authorId);
    loaders.productReviewPages.clearAll();
    loaders.authorReviewPages.clearAll();
    loaders.reviewById.prime(review.id, review);
    return review;
  },
  deleteReview: async (_parent, args, { caller, reviews, loaders }) => {
    const deleted = await reviews.delete(requireCaller(caller), args.id);
    loaders.productStats.clear(deleted.productId);
    loaders.authorReviewCount.clear(deleted.authorId);
    loaders.productReviewPages.clearAll();
    loaders.authorReviewPages.clearAll();
    loaders.reviewById.clear(deleted.id).prime(deleted.id, null);
    return true;
  },
};
