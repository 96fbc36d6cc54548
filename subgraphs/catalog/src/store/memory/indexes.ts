import type { IndexSpecification, Sort } from 'mongodb';
import { BSON } from 'mongodb';
import { DUPLICATE_KEY } from '../collection';

export type Direction = 1 | -1;

export interface IndexDefinition {
  name: string;
  keys: [string, Direction][];
  unique: boolean;
}

/** Shaped like the driver's MongoServerError for E11000, so callers handle both alike. */
class DuplicateKeyError extends Error {
  readonly code = DUPLICATE_KEY;
  override readonly name = 'MongoServerError';

  constructor(
    collection: string,
    index: string,
    readonly keyValue: Record<string, unknown>,
  ) {
    super(
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${BSON.EJSON.stringify(keyValue)}`,
    );
  }
}

function direction(value: unknown): Direction {
  if (value === 1 || value === 'asc' || value === 'ascending') return 1;
  if (value === -1 || value === 'desc' || value === 'descending') return -1;
  throw new Error(`in-process store: unsupported sort or index direction ${String(value)}`);
}

/**
 * Key/direction pairs from the object form of a sort or index specification, the
 * only form the catalog uses (the engine refuses the others rather than guess).
 */
export function keyDirections(spec: Sort | IndexSpecification): [string, Direction][] {
  if (typeof spec !== 'object' || Array.isArray(spec) || spec instanceof Map) {
    throw new Error('in-process store: give sorts and indexes as { field: 1 | -1 } objects');
  }
  return Object.entries(spec).map(([key, value]) => [key, direction(value)]);
}

/** The driver's default index name: `slug_1`, `price.amount_1__id_1`. */
export function defaultIndexName(keys: readonly [string, Direction][]): string {
  return keys.map(([key, dir]) => `${key}_${dir}`).join('_');
}

/** A field by dotted path; missing counts as null, as in a MongoDB index. */
function valueAt(document: object, dottedPath: string): unknown {
  let value: unknown = document;
  for (const part of dottedPath.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value ?? null;
}

function keyValueOf(document: object, index: IndexDefinition): Record<string, unknown> {
  return Object.fromEntries(index.keys.map(([key]) => [key, valueAt(document, key)]));
}

/**
 * Refuses `candidates` that would share a unique key with each other or with any
 * `existing` document (documents being replaced are left out of `existing`).
 */
export function assertUnique(
  collection: string,
  indexes: readonly IndexDefinition[],
  existing: Iterable<object>,
  candidates: readonly object[],
): void {
  const stored = [...existing];
  for (const index of indexes.filter((i) => i.unique)) {
    const seen = new Set<string>();
    for (const document of stored) seen.add(BSON.EJSON.stringify(keyValueOf(document, index)));
    for (const candidate of candidates) {
      const keyValue = keyValueOf(candidate, index);
      const key = BSON.EJSON.stringify(keyValue);
      if (seen.has(key)) throw new DuplicateKeyError(collection, index.name, keyValue);
      seen.add(key);
    }
  }
}
