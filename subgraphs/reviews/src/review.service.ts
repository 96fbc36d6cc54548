import { badUserInput, conflict, notFound, requireOwnerOr, type Caller, type CallScope } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { ReviewRow } from './db/schema';
import type { ProductDirectory } from './product-directory';
import type { ReviewRepository } from './review.repository';

export const addReviewInput = z.object({
  productId: z.string().trim().min(1, 'must not be empty'),
  rating: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5'),
  title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
});

export type AddReview = z.infer<typeof addReviewInput>;

/**
 * The rules for writing and deleting reviews, for one request (`scope`, the request id and deadline, goes along
 * with what it asks the catalog); storage is the repository's.
 */
export class ReviewService {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly products: ProductDirectory,
    private readonly scope?: CallScope,
  ) {}

  /** Adds `author`'s review of an existing product, at most one per product. */
  async add(author: Caller, input: AddReview): Promise<ReviewRow> {
    const known = await this.products.existingIds([input.productId], this.scope);
    if (!known.has(input.productId)) {
      throw badUserInput('input.productId: no product has this id', 'input.productId');
    }
    const review = await this.reviews.insert({ ...input, authorId: author.userId });
    if (!review) throw conflict('You have already reviewed this product.');
    return review;
  }

  /** Deletes a review: its author or an admin only. Returns the deleted review. */
  async delete(caller: Caller, id: string): Promise<ReviewRow> {
    const review = (await this.reviews.byIds([id])).get(id);
    if (!review) throw notFound(`No review has the id ${id}.`);
    requireOwnerOr(caller, review.authorId, { admin: true }, 'Only the author of a review or an admin may delete it.');
    // Someone may have deleted it between the read and now: still not found.
    if (!(await this.reviews.delete(id))) throw notFound(`No review has the id ${id}.`);
    return review;
  }
}
