import { gzipSync } from 'node:zlib';
import { parse } from 'graphql';
import {
  type BaseContext,
  createSubgraphServer,
  IDENTITY_CHALLENGE,
  IDENTITY_HEADER,
  type RunningSubgraph,
  serveSubgraph,
} from '../src';
import { type CapturedLog, captureLog } from '@agora/testing';
import { signAs, testVerifier } from './identities';

const sdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { greeting: String!, echo(text: String!): String! }
`;
const JSON_TYPE = 'application/json';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const HASH = 'a'.repeat(64);

interface RefusalCase {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  status: number;
  code: string;
  message?: RegExp;
  allow?: string;
  /** The `www-authenticate` challenge of a 401. */
  challenge?: string;
}

const json = (body: unknown): Pick<RefusalCase, 'headers' | 'body'> => ({
  headers: { 'content-type': JSON_TYPE },
  body: JSON.stringify(body),
});
const get = (
  search: string,
  headers: Record<string, string> = PREFLIGHT,
): Pick<RefusalCase, 'method' | 'path' | 'headers'> => ({
  method: 'GET',
  path: `/graphql?${search}`,
  headers,
});

/** A JSON body whose `name` variable holds `bytes` as they are, valid UTF-8 or not. */
const nameWithBytes = (bytes: number[]): Pick<RefusalCase, 'headers' | 'body'> => ({
  headers: { 'content-type': JSON_TYPE },
  body: Buffer.concat([
    Buffer.from('{"query":"{ greeting }","variables":{"name":"Bad'),
    Buffer.from(bytes),
    Buffer.from('Name"}}'),
  ]),
});
const NOT_UTF8 = /body is not valid UTF-8/;

const cases: RefusalCase[] = [
  {
    name: 'a body that is not JSON',
    headers: { 'content-type': JSON_TYPE },
    body: '{"query":',
    status: 400,
    code: 'BAD_REQUEST',
    message: /not valid JSON/,
  },
  {
    name: 'a body over 1 MiB',
    ...json({ query: '{ greeting }', variables: { pad: 'x'.repeat(1_100_000) } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'no Content-Type',
    body: new TextEncoder().encode('{"query":"{ greeting }"}'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /no Content-Type/,
  },
  {
    name: 'text/plain',
    headers: { 'content-type': 'text/plain' },
    body: '{"query":"{ greeting }"}',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a form',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'query=x',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'application/graphql',
    headers: { 'content-type': 'application/graphql' },
    body: '{ greeting }',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a charset other than UTF',
    headers: { 'content-type': `${JSON_TYPE}; charset=latin1` },
    body: '{}',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /charset/,
  },
  {
    name: 'a UTF-16 charset',
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-16` },
    body: Buffer.from('\ufeff{"query":"{ greeting }"}', 'utf16le'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /"utf-16" is not supported; send UTF-8/,
  },
  {
    name: 'bytes that are not UTF-8',
    ...nameWithBytes([0xff, 0xfe]),
    status: 400,
    code: 'BAD_REQUEST',
    message: NOT_UTF8,
  },
  {
    name: 'a surrogate encoded as UTF-8 bytes',
    ...nameWithBytes([0xed, 0xa0, 0x80]),
    status: 400,
    code: 'BAD_REQUEST',
    message: NOT_UTF8,
  },
  { name: 'an overlong encoding', ...nameWithBytes([0xc0, 0xaf]), status: 400, code: 'BAD_REQUEST', message: NOT_UTF8 },
  {
    name: 'a character cut short',
    ...nameWithBytes([0xe2, 0x82]),
    status: 400,
    code: 'BAD_REQUEST',
    message: NOT_UTF8,
  },
  {
    name: 'a code point above U+10FFFF',
    ...nameWithBytes([0xf4, 0x90, 0x80, 0x80]),
    status: 400,
    code: 'BAD_REQUEST',
    message: NOT_UTF8,
  },
  {
    name: 'a gzip body that is not UTF-8 once inflated',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
    body: gzipSync(nameWithBytes([0xff]).body as Buffer),
    status: 400,
    code: 'BAD_REQUEST',
    message: NOT_UTF8,
  },
  {
    name: 'an unknown content encoding',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'zip9' },
    body: '{}',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /encoding/,
  },
  {
    name: 'a gzip body that does not inflate',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
    body: 'not gzip',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an empty body',
    headers: { 'content-type': JSON_TYPE },
    body: '',
    status: 400,
    code: 'BAD_REQUEST',
    message: /empty/,
  },
  {
    name: 'a JSON null',
    headers: { 'content-type': JSON_TYPE },
    body: 'null',
    status: 400,
    code: 'BAD_REQUEST',
    message: /must be a JSON object, not null/,
  },
  {
    name: 'a JSON string',
    headers: { 'content-type': JSON_TYPE },
    body: '"{ greeting }"',
    status: 400,
    code: 'BAD_REQUEST',
    message: /not a string/,
  },
  { name: 'a batch', ...json([{ query: '{ greeting }' }]), status: 400, code: 'BAD_REQUEST', message: /Batched/ },
  { name: 'an empty object', ...json({}), status: 400, code: 'BAD_REQUEST', message: /no "query"/ },
  {
    name: 'a query that is not a string',
    ...json({ query: 5 }),
    status: 400,
    code: 'BAD_REQUEST',
    message: /"query" must be a string/,
  },
  {
    name: 'variables as a string',
    ...json({ query: '{ greeting }', variables: '{}' }),
    status: 400,
    code: 'BAD_REQUEST',
    message: /"variables" must be a JSON object/,
  },
  {
    name: 'variables as an array',
    ...json({ query: '{ greeting }', variables: [] }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'extensions as a number',
    ...json({ query: '{ greeting }', extensions: 1 }),
    status: 400,
    code: 'BAD_REQUEST',
    message: /"extensions"/,
  },
  {
    name: 'an operationName that is not a string',
    ...json({ query: '{ greeting }', operationName: 1 }),
    status: 400,
    code: 'BAD_REQUEST',
    message: /"operationName"/,
  },
  {
    name: 'an unknown operation name',
    ...json({ query: 'query A { greeting }', operationName: 'B' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /no operation named "B"; it defines "A"/,
  },
  {
    name: 'several operations and no name',
    ...json({ query: 'query A { greeting } query C { greeting }' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /"A", "C"/,
  },
  {
    name: 'a document with no operation',
    ...json({ query: 'fragment F on Query { greeting }' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'a subscription',
    ...json({ query: 'subscription { greeting }' }),
    status: 400,
    code: 'BAD_REQUEST',
    message: /Subscriptions/,
  },
  {
    name: 'a mutation on a schema without mutations',
    ...json({ query: 'mutation { greeting }' }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /no mutation/,
  },
  {
    name: 'a persisted query (subgraphs take none)',
    ...json({ extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }),
    status: 400,
    code: 'PERSISTED_QUERY_NOT_SUPPORTED',
  },
  {
    name: 'a GET mutation',
    ...get('query=mutation%20%7B%20greeting%20%7D'),
    status: 405,
    code: 'BAD_REQUEST',
    allow: 'POST',
  },
  {
    name: 'a GET without a CSRF-preventing header',
    ...get('query=%7Bgreeting%7D', {}),
    status: 400,
    code: 'BAD_REQUEST',
    message: /CSRF/,
  },
  {
    name: 'a GET with variables that are not JSON',
    ...get('query=%7Bgreeting%7D&variables=%7B'),
    status: 400,
    code: 'BAD_REQUEST',
    message: /"variables" parameter/,
  },
  {
    name: 'a GET with percent-escapes that are not UTF-8',
    ...get('query=%7Bgreeting%7D&variables=%7B%22name%22%3A%22Bad%FF%FEName%22%7D'),
    status: 400,
    code: 'BAD_REQUEST',
    message: /query string is not valid UTF-8/,
  },
  {
    name: 'a GET with a surrogate percent-encoded',
    ...get('query=%7Bgreeting%7D%23%ED%A0%80'),
    status: 400,
    code: 'BAD_REQUEST',
    message: /query string is not valid UTF-8/,
  },
  {
    name: 'a GET with the query twice',
    ...get('query=%7Bgreeting%7D&query=%7Bgreeting%7D'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a GET with a text Content-Type',
    ...get('query=%7Bgreeting%7D', { ...PREFLIGHT, 'content-type': 'text/plain' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'PUT',
    method: 'PUT',
    ...json({ query: '{ greeting }' }),
    status: 405,
    code: 'BAD_REQUEST',
    allow: 'GET, POST',
  },
  {
    name: 'an identity header that is not a token',
    headers: { 'content-type': JSON_TYPE, [IDENTITY_HEADER]: 'junk' },
    body: '{"query":"{ __typename }"}',
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /caller identity is not a signed token/,
    challenge: IDENTITY_CHALLENGE,
  },
  {
    name: 'an identity header on a GET',
    ...get('query=%7Bgreeting%7D', { ...PREFLIGHT, [IDENTITY_HEADER]: 'a.b.c' }),
    status: 401,
    code: 'UNAUTHENTICATED',
    challenge: IDENTITY_CHALLENGE,
  },
  { name: 'DELETE', method: 'DELETE', status: 405, code: 'BAD_REQUEST', allow: 'GET, POST' },
  { name: 'an unknown route', method: 'GET', path: '/nope', status: 404, code: 'NOT_FOUND' },
  {
    name: 'a POST below /graphql',
    path: '/graphql/x',
    ...json({ query: '{ greeting }' }),
    status: 404,
    code: 'NOT_FOUND',
  },
];

describe('serveSubgraph refuses what is not a GraphQL request', () => {
  // The router's token for an anonymous caller: every request to a subgraph carries one.
  let anonymous: string;
  const signed = (headers: Record<string, string> = {}) => ({ [IDENTITY_HEADER]: anonymous, ...headers });
  let log: CapturedLog;
  let running: RunningSubgraph;
  let base: string;

  beforeAll(async () => {
    log = captureLog('tiny');
    running = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse(sdl),
        resolvers: { Query: { greeting: () => 'hi', echo: (_parent: unknown, args: { text: string }) => args.text } },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: log.logger,
      createContext: (context) => context,
      routes: (app) =>
        app.get('/broken', () => {
          throw new Error('ENOENT: /srv/agora/config/secret.json');
        }),
    });
    base = running.url.replace('/graphql', '');
    anonymous = await signAs(null);
  });

  afterAll(() => running?.stop());

  it.each(cases)('answers $name with $status $code as GraphQL JSON', async (refusal) => {
    const response = await fetch(`${base}${refusal.path ?? '/graphql'}`, {
      method: refusal.method ?? 'POST',
      headers: signed(refusal.headers),
      body: refusal.body,
    });
    const text = await response.text();

    expect(response.status).toBe(refusal.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: expect.stringMatching(refusal.message ?? /./), extensions: { code: refusal.code } }],
    });
    if (refusal.allow) expect(response.headers.get('allow')).toBe(refusal.allow);
    expect(response.headers.get('www-authenticate')).toBe(refusal.challenge ?? null);
    expect(text).not.toMatch(/<html|node_modules|\s+at\s|\.[jt]s:\d/i);
  });

  it('answers in application/graphql-response+json to a client that prefers it', async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, accept: 'application/graphql-response+json' },
      body: '{"query":',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('still answers well-formed requests, gzip and GET included', async () => {
    const post = await fetch(running.url, {
      method: 'POST',
      headers: signed({ 'content-type': JSON_TYPE, 'content-encoding': 'gzip' }),
      body: gzipSync(JSON.stringify({ query: 'query A { greeting } query B { greeting }', operationName: 'B' })),
    });
    const viaGet = await fetch(`${running.url}?query=${encodeURIComponent('{ greeting }')}`, {
      headers: signed(PREFLIGHT),
    });

    expect(await post.json()).toEqual({ data: { greeting: 'hi' } });
    expect(await viaGet.json()).toEqual({ data: { greeting: 'hi' } });
  });

  it('takes text in any script, sent as UTF-8 in a body or percent-encoded in a GET', async () => {
    const text = 'Grüße, 你好, مرحبا, 😀 👩🏽‍💻';
    const query = 'query Echo($text: String!) { echo(text: $text) }';
    const post = await fetch(running.url, {
      method: 'POST',
      headers: signed({ 'content-type': `${JSON_TYPE}; charset=UTF-8` }),
      body: Buffer.from(JSON.stringify({ query, variables: { text } })),
    });
    const search = new URLSearchParams({ query, variables: JSON.stringify({ text }) });
    const viaGet = await fetch(`${running.url}?${search.toString()}`, { headers: signed(PREFLIGHT) });

    expect(await post.json()).toEqual({ data: { echo: text } });
    expect(await viaGet.json()).toEqual({ data: { echo: text } });
  });

  it('logs none of the refusals as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });

  // After the refusals, so the one error line it logs is its own.
  it('answers a failing route with a masked 500 and logs it as the fault it is', async () => {
    const response = await fetch(`${base}/broken`);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(text).not.toContain('secret.json');
    expect(log.atLeast(50)).toEqual([expect.objectContaining({ msg: 'unexpected error handling the request' })]);
  });
});
