import { badUserInput, decodeCursor, encodeCursor } from '@agora/subgraph-kit';
import { isReviewId, type ReviewPosition } from './review.repository';

/** The cursor of a review in a newest-first list: its creation time and id. */
export function reviewCursor(review: ReviewPosition): string {
  return encodeCursor([review.createdAt.toISOString(), review.id]);
}

/** The position an `after` cursor points at; BAD_USER_INPUT when it is not one of ours. */
export function decodeReviewCursor(cursor: string, field = 'after'): ReviewPosition {
  const [createdAt, id] = decodeCursor(cursor, 2, field);
  const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isReviewId(id)) {
    throw badUserInput(`${field}: is not a valid cursor`, field);
  }
  return { createdAt: date, id };
}
