import { parseInput } from '@agora/subgraph-kit';
import { z } from 'zod';

const DEFAULT_FIRST = 5;
const MAX_FIRST = 20;

const firstSchema = z.number().int().min(1, 'must be at least 1').max(MAX_FIRST, `must be at most ${MAX_FIRST}`);

/** How many recommendations were asked for: 1 to 20 (an explicit null means the default). */
export function parseFirst(first: number | null | undefined): number {
  return parseInput(firstSchema, first ?? DEFAULT_FIRST, 'first');
}

/**
 * The first `count` products from the candidate lists in turn (the better source
 * first), each product once and none of `excluded`.
 */
export function pickRecommendations(
  count: number,
  excluded: Iterable<string>,
  ...candidates: readonly (readonly string[])[]
): string[] {
  const seen = new Set(excluded);
  const picked: string[] = [];
  for (const list of candidates) {
    for (const productId of list) {
      if (picked.length === count) return picked;
      if (seen.has(productId)) continue;
      seen.add(productId);
      picked.push(productId);
    }
  }
  return picked;
}
