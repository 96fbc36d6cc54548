import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';

/**
 * Reads a subgraph's `src/schema.graphql`. `packageDir` is the subgraph's folder,
 * so this works both from `src/` (tests) and from `dist/` (built).
 */
export function readSchema(packageDir: string): DocumentNode {
  return parse(readFileSync(path.join(packageDir, 'src', 'schema.graphql'), 'utf8'));
}
