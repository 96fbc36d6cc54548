import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { SubgraphClient, serviceCaller } from '../src/client';
import { REQUEST_ID_HEADER } from '../src/http';
import { IDENTITY_HEADER } from '../src/identity';
import type { IdentitySigner } from '../src/identity-signer';
import { testSigner, testVerifier } from './identities';

/** Documents as the contracts generate them: typed by their answer and variables. */
const OK = parse('query Ok { ok }') as TypedDocumentNode<{ ok: boolean }, Record<string, never>>;
const X = parse('query X { x }') as TypedDocumentNode<{ x: string }, Record<string, never>>;
const PRODUCT = parse('query Product($id: ID!) { product(id: $id) { name } }') as TypedDocumentNode<
  { product: { name: string } | null },
  { id: string }
>;

/** A stand-in GraphQL endpoint that answers what each test sets and records what it got. */
function startEndpoint(answer: (identity: string | undefined) => { status: number; body: unknown }) {
  const received: { identity?: string; requestId?: string; body?: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const identity = req.headers[IDENTITY_HEADER] as string | undefined;
      const requestId = req.headers[REQUEST_ID_HEADER] as string | undefined;
      received.push({ identity, requestId, body: JSON.parse(raw) });
      const { status, body } = answer(identity);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return new Promise<{ url: string; received: typeof received; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
        received,
        close: () => server.close(),
      }),
    ),
  );
}

describe('SubgraphClient', () => {
  // The orders service's own signer: every call is signed as `orders`.
  let signer: IdentitySigner;
  beforeAll(async () => {
    signer = await testSigner('orders');
  });

  it('sends the caller signed with the service’s own key and returns data', async () => {
    const endpoint = await startEndpoint(() => ({ status: 200, body: { data: { ok: true } } }));
    const client = new SubgraphClient({ url: endpoint.url, signer });
    await expect(client.request(OK, {}, { caller: serviceCaller('orders') })).resolves.toEqual({ ok: true });
    await expect(testVerifier.verify(endpoint.received[0]?.identity)).resolves.toEqual({
      caller: { userId: 'service:orders', roles: ['service'], service: 'orders' },
    });
    endpoint.close();
  });

  it('sends the document as text with its variables, and the request id', async () => {
    const endpoint = await startEndpoint(() => ({ status: 200, body: { data: { product: { name: 'Cup' } } } }));
    const client = new SubgraphClient({ url: endpoint.url, signer });
    const as = { caller: serviceCaller('cart'), requestId: 'req-42' };
    await expect(client.request(PRODUCT, { id: 'p-1' }, as)).resolves.toEqual({ product: { name: 'Cup' } });
    await expect(client.request(PRODUCT, { id: 'p-2' }, as)).resolves.toEqual({ product: { name: 'Cup' } });
    endpoint.close();

    expect(endpoint.received.map(({ requestId, body }) => ({ requestId, body }))).toEqual([
      {
        requestId: 'req-42',
        body: { query: 'query Product($id: ID!) {\n  product(id: $id) {\n    name\n  }\n}', variables: { id: 'p-1' } },
      },
      {
        requestId: 'req-42',
        body: { query: 'query Product($id: ID!) {\n  product(id: $id) {\n    name\n  }\n}', variables: { id: 'p-2' } },
      },
    ]);
  });

  it('rethrows a coded client error with its code and message', async () => {
    const endpoint = await startEndpoint(() => ({
      status: 200,
      body: { errors: [{ message: 'Not enough stock', extensions: { code: 'CONFLICT', productId: 'p-1' } }] },
    }));
    const client = new SubgraphClient({ url: endpoint.url, signer });
    await expect(client.request(X, {}, { caller: null })).rejects.toMatchObject({
      message: 'Not enough stock',
      extensions: { code: 'CONFLICT', productId: 'p-1' },
    });
    endpoint.close();
  });

  it('turns a callee that refuses the identity it was sent into a plain Error, not the caller’s UNAUTHENTICATED', async () => {
    const endpoint = await startEndpoint(() => ({
      status: 401,
      body: {
        errors: [{ message: 'The caller identity could not be verified.', extensions: { code: 'UNAUTHENTICATED' } }],
      },
    }));
    const client = new SubgraphClient({ url: endpoint.url, signer });
    const failure: unknown = await client.request(X, {}, { caller: serviceCaller('orders') }).catch((e) => e);
    endpoint.close();

    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toHaveProperty('extensions');
    expect((failure as Error).message).toMatch(/HTTP 401: The caller identity could not be verified/);
  });

  it('turns an unexpected error or HTTP failure into a plain Error', async () => {
    const endpoint = await startEndpoint(() => ({ status: 503, body: {} }));
    const client = new SubgraphClient({ url: endpoint.url, signer });
    await expect(client.request(X, {}, { caller: null })).rejects.toThrow(/HTTP 503/);
    endpoint.close();
  });
});
