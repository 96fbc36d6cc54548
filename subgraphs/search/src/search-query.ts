import { badUserInput, cursorCodec, cursorField } from '@agora/subgraph-kit';

/** Longer queries are refused: nobody types them, and each word costs an index lookup. */
const MAX_QUERY_LENGTH = 200;
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

/** Product ids are the catalog's; none is anywhere near this long. */
const MAX_PRODUCT_ID_LENGTH = 200;

/**
 * The cursor of a result: [rank, similarity, productId]. Ranks and similarities are
 * PostgreSQL reals (ts_rank is never negative, word_similarity lies in 0..1).
 */
const searchCursor = cursorCodec(
  cursorField.real().min(0),
  cursorField.real().min(0).max(1),
  cursorField.text(MAX_PRODUCT_ID_LENGTH),
);

/** The cursor of a result at `position`. */
export function encodeSearchCursor(position: SearchPosition): string {
  return searchCursor.encode([position.rank, position.similarity, position.productId]);
}

/** The position an `after` cursor points at; BAD_USER_INPUT `after: is not a valid cursor` for anything else. */
export function decodeSearchCursor(cursor: string, field = 'after'): SearchPosition {
  const [rank, similarity, productId] = searchCursor.decode(cursor, field);
  return { rank, similarity, productId };
}
