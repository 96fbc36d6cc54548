import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type HangingEndpoint, scrapeMetrics, startHangingEndpoint } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, tempDir } from './helpers';

const flakySdl = `${FEDERATION_LINK}
type Query { stock: Int }
type Mutation { restock: Int }
`;

describe('router retries of subgraph fetches', () => {
  let endpoint: HangingEndpoint;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  /** How many of the next requests the subgraph answers 503. */
  let failuresLeft = 0;

  beforeAll(async () => {
    endpoint = await startHangingEndpoint(() => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return { status: 503, body: { errors: [{ message: 'busy' }] } };
      }
      return { status: 200, body: { data: { stock: 7, restock: 7 } } };
    });
    endpoint.hanging = false;
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'flaky', url: endpoint.url, sdl: flakySdl }]));
    // The breaker stays out of the way: these 503s are about retries.
    router = await startRouter(supergraphPath, { BREAKER_FAILURES: '100' });
  });

  afterAll(async () => {
    await router?.stop();
    await endpoint?.close();
    await temp?.remove();
  });

  it('sends a query fetch again after a 5xx, at most twice', async () => {
    failuresLeft = 2;
    const before = endpoint.answeredRequests;

    expect((await post(router.url, '{ stock }')).body).toEqual({ data: { stock: 7 } });
    expect(endpoint.answeredRequests - before).toBe(3);

    failuresLeft = 3;
    const exhausted = await post(router.url, '{ stock }');
    expect(exhausted.body.data).toEqual({ stock: null });
    expect(endpoint.answeredRequests - before).toBe(6);
    const scrape = await scrapeMetrics(router.url.replace('/graphql', '/metrics'));
    expect(scrape.sum('agora_router_subgraph_retries_total', { subgraph: 'flaky' })).toBe(4);
  });

  it('never sends a mutation twice', async () => {
    failuresLeft = 1;
    const before = endpoint.answeredRequests;

    const response = await post(router.url, 'mutation { restock }');

    expect(response.body.data).toEqual({ restock: null });
    expect(response.body.errors).toHaveLength(1);
    expect(endpoint.answeredRequests - before).toBe(1);
  });
});
