import type { z } from 'zod';
import { badUserInput } from './errors';

/**
 * Validates resolver input at the edge. The error names the first wrong field,
 * e.g. `input.rating: must be at most 5`.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, path = 'input'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [path, ...(issue?.path ?? []).map(String)].join('.');
  throw badUserInput(`${field}: ${issue?.message ?? 'is invalid'}`, field);
}
