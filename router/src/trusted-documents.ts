import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Logger, RequestError, RequestErrorCode } from '@agora/subgraph-kit';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';

/**
 * What the router does with an operation that is not in its list: `enforce` refuses it
 * (400 PERSISTED_QUERY_NOT_IN_LIST), `audit` logs and counts it but runs it, `off`
 * takes any operation (no list is read).
 */
export type TrustedDocumentsMode = 'off' | 'audit' | 'enforce';

/** Apollo's persisted query manifest (what `@apollo/generate-persisted-query-manifest` writes). */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex'),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
    }),
  ),
});

/** Trusted operation texts by id (the SHA-256 of the text, in lower-case hex). */
export type TrustedDocumentList = ReadonlyMap<string, string>;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads a manifest in Apollo's persisted query manifest format
 * (`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name,
 * type, body }] }`). Each `id` must be the SHA-256 of its `body` (the generator's
 * default), so an operation is found the same way by its id and by its text. Throws,
 * naming the file and what is wrong, for a file that cannot be read or does not fit.
 */
export function readTrustedDocuments(file: string): TrustedDocumentList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `TRUSTED_DOCUMENTS: ${file} at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const operations = new Map<string, string>();
  for (const operation of result.data.operations) {
    if (sha256(operation.body) !== operation.id) {
      throw new Error(`TRUSTED_DOCUMENTS: ${file}: the id of ${operation.name} is not the SHA-256 of its body`);
    }
    operations.set(operation.id, operation.body);
  }
  return operations;
}

/** The query text and persisted query id of a request the kit's graphqlRequestChecks passed. */
function operationOf(req: Request): { query?: string; id?: string } {
  let query: unknown;
  let extensions: unknown;
  if (req.method === 'POST') {
    const body = req.body as { query?: unknown; extensions?: unknown };
    query = body.query;
    extensions = body.extensions;
  } else {
    const search = new URL(req.originalUrl, 'http://localhost').searchParams;
    query = search.get('query') ?? undefined;
    const raw = search.get('extensions');
    extensions = raw === null ? undefined : JSON.parse(raw);
  }
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return {
    query: typeof query === 'string' && query.length > 0 ? query : undefined,
    id: typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined,
  };
}

/** Gives an id-only request the trusted text, so Apollo Server needs no APQ cache entry for it. */
function supplyText(req: Request, text: string): void {
  if (req.method === 'POST') {
    (req.body as { query?: string }).query = text;
  } else {
    req.url += `${req.url.includes('?') ? '&' : '?'}query=${encodeURIComponent(text)}`;
  }
}

export interface TrustedDocumentsOptions {
  mode: Exclude<TrustedDocumentsMode, 'off'>;
  operations: TrustedDocumentList;
  /** Called once per operation not in the list, with what became of it (for the metrics). */
  onUntrusted: (action: 'refused' | 'served') => void;
  logOf: (req: Request) => Logger;
}

/**
 * Express handler for /graphql, after the kit's graphqlRequestChecks (a parsed, checked
 * body) and before Apollo Server, so nothing is parsed or planned for a refused
 * operation. An operation is trusted when the SHA-256 of its query text, or without a
 * text its `extensions.persistedQuery.sha256Hash`, is an id of the list; an id-only
 * request gets the list's text. Requests with neither (the landing page) pass.
 */
export function trustedDocumentsGuard(options: TrustedDocumentsOptions): RequestHandler {
  return (req, _res, next) => {
    const { query, id: sentId } = operationOf(req);
    const id = query === undefined ? sentId : sha256(query);
    if (id === undefined) return next();
    const trusted = options.operations.get(id);
    if (trusted !== undefined) {
      if (query === undefined) supplyText(req, trusted);
      return next();
    }
    const refused = options.mode === 'enforce';
    options.onUntrusted(refused ? 'refused' : 'served');
    options.logOf(req).warn({ operationId: id, refused }, 'operation not in the trusted documents list');
    if (!refused) return next();
    next(
      new RequestError(
        400,
        RequestErrorCode.PersistedQueryNotInList,
        `This router runs only trusted operations, and the operation ${id} is not in its list.`,
        {},
        { id },
      ),
    );
  };
}
