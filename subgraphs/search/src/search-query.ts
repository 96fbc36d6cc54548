import { badUserInput, decodeCursor, encodeCursor } from '@agora/subgraph-kit';

/** Longer queries are refused: nobody types them, and each word costs an index lookup. */
export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 10;

/**
 * The tsquery text for what a shopper typed: each word (letters and digits only, so
 * no tsquery operator can get through) as a prefix (`head:*` matches headphones), all
 * words required. BAD_USER_INPUT naming `query` when nothing searchable is left.
 */
export function prefixTsQuery(query: string): string {
  if (query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`query: must be at most ${MAX_QUERY_LENGTH} characters`, 'query');
  }
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) throw badUserInput('query: must contain a letter or a digit', 'query');
  return words
    .slice(0, MAX_WORDS)
    .map((word) => `${word}:*`)
    .join(' & ');
}

/** Where a result stands in the ranking: text rank, then name similarity (both descending), then id. */
export interface SearchPosition {
  rank: number;
  similarity: number;
  productId: string;
}

export function encodeSearchCursor(position: SearchPosition): string {
  return encodeCursor([position.rank, position.similarity, position.productId]);
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  const [rank, similarity, productId] = decodeCursor(cursor, 3);
  if (typeof rank !== 'number' || typeof similarity !== 'number' || typeof productId !== 'string') {
    throw badUserInput('after: is not a valid cursor', 'after');
  }
  return { rank, similarity, productId };
}
