import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createIdentitySigner,
  createIdentityVerifier,
  generateSigningJwk,
  IDENTITY_HEADER,
  type IdentitySigner,
  REQUEST_ID_HEADER,
} from '@agora/subgraph-kit';
import { catalogProductDirectory } from '../src/product-directory.client';

/** Reviews' own signer, as boot creates it. */
let signer: IdentitySigner;

/**
 * A stand-in for the catalog's HTTP endpoint (the outside service): it answers
 * `_entities` for a fixed set of ids, or whatever a test makes it answer.
 */
let answer: (body: { query: string; variables: { representations: { id: string }[] } }) => [number, unknown];
const requests: unknown[] = [];
const headers: { identity?: string; requestId?: string }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  signer = await createIdentitySigner('reviews', await generateSigningJwk());
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text);
      requests.push(body);
      headers.push({
        identity: req.headers[IDENTITY_HEADER] as string | undefined,
        requestId: req.headers[REQUEST_ID_HEADER] as string | undefined,
      });
      const [status, json] = answer(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The directory as reviews builds it, over the catalog at `catalogUrl`. */
const directory = (catalogUrl = url) => catalogProductDirectory({ catalogUrl, signer });

const known = new Set(['p-1', 'p-3']);
const removed = new Set(['p-4']);

describe('catalog product directory', () => {
  it('asks the catalog for product entities and keeps those that resolve and are on sale', async () => {
    answer = ({ variables }) => [
      200,
      {
        data: {
          _entities: variables.representations.map(({ id }) =>
            known.has(id)
              ? { __typename: 'Product', id, deletedAt: null }
              : removed.has(id)
                ? { __typename: 'Product', id, deletedAt: '2026-01-01T00:00:00.000Z' }
                : null,
          ),
        },
      },
    ];
    const found = await directory().existingIds(['p-1', 'p-2', 'p-3', 'p-4'], { requestId: 'req-7' });
    expect([...found].sort()).toEqual(['p-1', 'p-3']);
    expect(requests.at(-1)).toMatchObject({
      query: expect.stringContaining('_entities(representations: $representations)'),
      variables: {
        representations: [
          { __typename: 'Product', id: 'p-1' },
          { __typename: 'Product', id: 'p-2' },
          { __typename: 'Product', id: 'p-3' },
          { __typename: 'Product', id: 'p-4' },
        ],
      },
    });
  });

  it('asks as the reviews service, signed with its own key, and passes the request id', async () => {
    answer = ({ variables }) => [200, { data: { _entities: variables.representations.map(() => null) } }];
    await directory().existingIds(['p-1'], { requestId: 'req-8' });
    const sent = headers.at(-1);
    // The catalog's view: reviews is a trusted signer.
    const catalog = createIdentityVerifier({ reviews: signer.jwks });
    await expect(catalog.verify(sent?.identity)).resolves.toEqual({
      caller: { userId: 'service:reviews', roles: ['service'], service: 'reviews' },
    });
    expect(sent?.requestId).toBe('req-8');
  });

  it('fails when the catalog answers with errors or an HTTP error', async () => {
    answer = () => [200, { errors: [{ message: 'catalog store is down' }] }];
    await expect(directory().existingIds(['p-1'])).rejects.toThrow(/catalog store is down/);
    answer = () => [503, { errors: [{ message: 'unavailable' }] }];
    await expect(directory().existingIds(['p-1'])).rejects.toThrow(/HTTP 503/);
  });

  it('fails when nothing listens at the catalog URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(directory(`http://127.0.0.1:${port}/graphql`).existingIds(['p-1'])).rejects.toThrow();
  });
});
