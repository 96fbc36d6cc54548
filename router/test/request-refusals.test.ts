import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { type CapturedLog, captureLog } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, startRouter, startTinySubgraph, tempDir } from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String! }
`;
const JSON_TYPE = 'application/json';
const TWO_OPERATIONS = 'query A { greeting } query B { greeting }';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Refusal {
  name: string;
  send: () => Promise<Sent>;
  status: number;
  code: string;
  message?: RegExp;
  /** The `www-authenticate` challenge of a 401. */
  challenge?: string;
}

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

describe('router refusals of what is not a GraphQL request', () => {
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let log: CapturedLog;

  beforeAll(async () => {
    subgraph = await startTinySubgraph('greeting', {
      sdl: greetingSdl,
      resolvers: { Query: { greeting: () => 'hi' } },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'greeting', url: subgraph.url, sdl: greetingSdl }]),
    );
    log = captureLog('router');
    router = await startRouter(supergraphPath, { CORS_ORIGINS: 'https://shop.example' }, log.logger);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  const send = async (init: RequestInit & { path?: string }): Promise<Sent> => {
    const response = await fetch(init.path ? router.url.replace('/graphql', init.path) : router.url, {
      method: 'POST',
      ...init,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const postJson = (body: unknown, headers: Record<string, string> = {}) =>
    send({ headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) });

  const expectRefusal = (sent: Sent, status: number, code: string, message: RegExp = /./): void => {
    expect(sent.status).toBe(status);
    expect(sent.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(sent.text)).toEqual({
      errors: [{ message: expect.stringMatching(message), extensions: { code } }],
    });
    expect(sent.text).not.toMatch(/<html|node_modules|\s+at\s|\.[jt]s:\d/i);
  };

  it.each<Refusal>([
    {
      name: 'a body that is not JSON',
      send: () => send({ headers: { 'content-type': JSON_TYPE }, body: '{"query":' }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /not valid JSON/,
    },
    {
      name: 'a body that is not UTF-8',
      send: () =>
        send({
          headers: { 'content-type': JSON_TYPE },
          body: Buffer.concat([
            Buffer.from('{"query":"{ greeting }","variables":{"name":"Bad'),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('Name"}}'),
          ]),
        }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /body is not valid UTF-8/,
    },
    {
      name: 'a GET with percent-escapes that are not UTF-8',
      send: () =>
        send({
          method: 'GET',
          path: '/graphql?query=%7Bgreeting%7D&variables=%7B%22name%22%3A%22%C0%AF%22%7D',
          headers: { 'apollo-require-preflight': 'true' },
        }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /query string is not valid UTF-8/,
    },
    {
      name: 'a body over 1 MiB',
      send: () => postJson({ query: '{ greeting }', variables: { pad: 'x'.repeat(1_100_000) } }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'text/plain',
      send: () => send({ headers: { 'content-type': 'text/plain' }, body: '{"query":"{ greeting }"}' }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'no Content-Type',
      send: () => send({ body: new TextEncoder().encode('{"query":"{ greeting }"}') }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'an empty body',
      send: () => send({ headers: { 'content-type': JSON_TYPE }, body: '' }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /empty/,
    },
    {
      name: 'a JSON number',
      send: () => send({ headers: { 'content-type': JSON_TYPE }, body: '42' }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /JSON object/,
    },
    {
      name: 'a batch',
      send: () => postJson([{ query: '{ greeting }' }]),
      status: 400,
      code: 'BAD_REQUEST',
      message: /Batched/,
    },
    {
      name: 'no query',
      send: () => postJson({ variables: {} }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /no "query"/,
    },
    {
      name: 'a query that is not a string',
      send: () => postJson({ query: { kind: 'Document' } }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'variables as a string',
      send: () => postJson({ query: '{ greeting }', variables: '{}' }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'an unknown operation name',
      send: () => postJson({ query: 'query A { greeting }', operationName: 'B' }),
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /"B"/,
    },
    {
      name: 'several operations and no name',
      send: () => postJson({ query: TWO_OPERATIONS }),
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
    },
    {
      name: 'a subscription',
      send: () => postJson({ query: 'subscription { greeting }' }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /Subscriptions/,
    },
    {
      name: 'a mutation, which this supergraph has none of',
      send: () => postJson({ query: 'mutation { greeting }' }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'an unknown persisted query hash',
      send: () => postJson({ extensions: persisted(sha256('{ unknown }')) }),
      status: 400,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    },
    {
      name: 'a persisted query hash that does not match',
      send: () => postJson({ query: '{ greeting }', extensions: persisted('0'.repeat(64)) }),
      status: 400,
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
    },
    {
      name: 'a persisted query version 2',
      send: () =>
        postJson({
          query: '{ greeting }',
          extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ greeting }') } },
        }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'a GET mutation',
      send: () =>
        send({
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent('mutation { greeting }')}`,
          headers: { 'apollo-require-preflight': 'true' },
        }),
      status: 405,
      code: 'BAD_REQUEST',
      message: /POST/,
    },
    {
      name: 'a GET without a CSRF-preventing header',
      send: () => send({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ greeting }')}` }),
      status: 400,
      code: 'BAD_REQUEST',
      message: /CSRF/,
    },
    {
      name: 'PUT',
      send: () => send({ method: 'PUT', headers: { 'content-type': JSON_TYPE }, body: '{}' }),
      status: 405,
      code: 'BAD_REQUEST',
    },
    { name: 'an unknown route', send: () => send({ method: 'GET', path: '/admin' }), status: 404, code: 'NOT_FOUND' },
    {
      name: 'an access token that is not a JWT',
      send: () => postJson({ query: '{ greeting }' }, { authorization: 'Bearer junk' }),
      status: 401,
      code: 'UNAUTHENTICATED',
      message: /access token is invalid: it is malformed/,
      challenge: 'Bearer error="invalid_token"',
    },
    {
      name: 'an Authorization header that is not Bearer',
      send: () => postJson({ query: '{ greeting }' }, { authorization: 'Basic dXNlcjpwYXNz' }),
      status: 401,
      code: 'UNAUTHENTICATED',
      message: /"Bearer <token>"/,
      challenge: 'Bearer error="invalid_token"',
    },
  ])('answers $name with $status $code as GraphQL JSON', async (refusal) => {
    const sent = await refusal.send();

    expectRefusal(sent, refusal.status, refusal.code, refusal.message);
    expect(sent.headers.get('www-authenticate')).toBe(refusal.challenge ?? null);
  });

  it('refuses an unknown operation name in a persisted query whose text it already has', async () => {
    const extensions = persisted(sha256(TWO_OPERATIONS));
    const registered = await postJson({ query: TWO_OPERATIONS, operationName: 'A', extensions });
    const byHash = await postJson({ operationName: 'B', extensions });
    const unknown = await postJson({ operationName: 'Z', extensions });

    expect(JSON.parse(registered.text)).toEqual({ data: { greeting: 'hi' } });
    expect(JSON.parse(byHash.text)).toEqual({ data: { greeting: 'hi' } });
    expectRefusal(unknown, 400, 'OPERATION_RESOLUTION_FAILURE', /"Z"/);
  });

  it('gives refusals the request id and the CORS headers a browser needs to read them', async () => {
    const refused = await postJson('not an object', { origin: 'https://shop.example', 'x-request-id': 'req-42' });

    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-request-id')).toBe('req-42');
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('logs none of the refusals as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });
});
