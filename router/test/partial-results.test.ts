import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badUserInput, forbidden, type RunningSubgraph } from '@agora/subgraph-kit';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const productsSdl = `${FEDERATION_LINK}
type Query {
  product: Product
  secretProduct: Product
  productByBadId: Product
  slowProduct: Product
}
type Product @key(fields: "id") { id: ID! name: String! }
`;
const ratingsSdl = `${FEDERATION_LINK}
type Product @key(fields: "id") { id: ID! rating: Float }
`;
const legacySdl = `${FEDERATION_LINK}
type Query { legacy: String }
`;
const KETTLE = { id: 'p1', name: 'Kettle' };

/**
 * A subgraph that answers every request with an uncoded error carrying internal
 * details: what the router must never pass on as it is.
 */
async function startLeakySubgraph(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        data: { legacy: null },
        errors: [{ message: 'connect ECONNREFUSED db-7.internal:5432', path: ['legacy'] }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

describe('router errors and partial results', () => {
  let products: RunningSubgraph;
  let ratings: RunningSubgraph;
  let leaky: { url: string; server: Server };
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let releaseSlow: () => void = () => undefined;
  const slow = new Promise<null>((resolve) => {
    releaseSlow = () => resolve(null);
  });

  beforeAll(async () => {
    products = await startTinySubgraph('products', {
      sdl: productsSdl,
      resolvers: {
        Query: {
          product: () => KETTLE,
          secretProduct: () => {
            throw forbidden('Only administrators may see this product.');
          },
          productByBadId: () => {
            throw badUserInput('id: must be a UUID', 'id');
          },
          slowProduct: () => slow,
        },
      },
    });
    ratings = await startTinySubgraph('ratings', {
      sdl: ratingsSdl,
      resolvers: { Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, rating: 4.5 }) } },
    });
    leaky = await startLeakySubgraph();
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    const sdl = await composeInto(temp.dir, [
      { name: 'products', url: products.url, sdl: productsSdl },
      { name: 'ratings', url: ratings.url, sdl: ratingsSdl },
      { name: 'legacy', url: leaky.url, sdl: legacySdl },
    ]);
    await writeFile(supergraphPath, sdl);
    router = await startRouter(supergraphPath, { SUBGRAPH_TIMEOUT_MS: '300' });
  });

  afterAll(async () => {
    releaseSlow();
    await router?.stop();
    await products?.stop();
    await ratings?.stop();
    await new Promise((resolve) => leaky?.server.close(resolve));
    await temp?.remove();
  });

  it('passes subgraph error codes and messages through as they come', async () => {
    const secret = await post(router.url, '{ secretProduct { name } }');
    const badId = await post(router.url, '{ productByBadId { name } }');

    expect(secret.body.errors?.[0]).toMatchObject({
      message: 'Only administrators may see this product.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(badId.body.errors?.[0]).toMatchObject({
      message: 'id: must be a UUID',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
  });

  it('masks an unexpected subgraph error, keeping where it happened', async () => {
    const response = await post(router.url, '{ legacy }');

    expect(response.body).toEqual({
      data: { legacy: null },
      errors: [{ message: 'Internal server error', path: ['legacy'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('answers a subgraph that is too slow with SERVICE_UNAVAILABLE after the subgraph timeout', async () => {
    const started = Date.now();
    const response = await post(router.url, '{ slowProduct { name } }');

    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // Last: it stops the ratings subgraph.
  it('returns partial results when a subgraph is down and stays up', async () => {
    const query = '{ product { name rating } }';
    expect((await post(router.url, query)).body).toEqual({ data: { product: { name: 'Kettle', rating: 4.5 } } });

    await ratings.stop();
    const response = await post(router.url, query);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ product: { name: 'Kettle', rating: null } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'The ratings service is unavailable.',
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
      }),
    ]);
    expect((await fetch(router.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});
