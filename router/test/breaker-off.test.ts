import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type HangingEndpoint, scrapeMetrics, startHangingEndpoint } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, tempDir } from './helpers';

const sdl = `${FEDERATION_LINK}
type Query { slow: String }
`;
/** More calls than the default BREAKER_FAILURES (5) would let through. */
const CALLS = 8;

describe('router with BREAKER_FAILURES=0: no breaker, no retries', () => {
  let endpoint: HangingEndpoint;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  /** Whether the subgraph answers 503 (when not hanging). */
  let failing = false;

  beforeAll(async () => {
    endpoint = await startHangingEndpoint(() =>
      failing
        ? { status: 503, body: { errors: [{ message: 'busy' }] } }
        : { status: 200, body: { data: { slow: 'fine' } } },
    );
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'hung', url: endpoint.url, sdl }]));
    router = await startRouter(supergraphPath, { SUBGRAPH_TIMEOUT_MS: '200', BREAKER_FAILURES: '0' });
  });

  afterAll(async () => {
    await router?.stop();
    await endpoint?.close();
    await temp?.remove();
  });

  it('keeps calling a hung subgraph: every request reaches it and none is refused as circuit open', async () => {
    for (let i = 0; i < CALLS; i += 1) {
      const response = await post(router.url, '{ slow }');
      expect(response.body.data).toEqual({ slow: null });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'hung' });
      expect(response.body.errors?.[0]?.extensions?.circuit).toBeUndefined();
    }

    expect(endpoint.hungRequests).toBe(CALLS);
    const scrape = await scrapeMetrics(router.url.replace('/graphql', '/metrics'));
    expect(scrape.sum('agora_router_subgraph_fetches_refused_total', { reason: 'circuit_open' })).toBe(0);
  });

  it('sends a query fetch once after a 5xx (no retry), however many fail', async () => {
    endpoint.hanging = false;
    failing = true;
    const before = endpoint.answeredRequests;

    for (let i = 0; i < CALLS; i += 1) {
      expect((await post(router.url, '{ slow }')).body.data).toEqual({ slow: null });
    }

    expect(endpoint.answeredRequests - before).toBe(CALLS);
    const scrape = await scrapeMetrics(router.url.replace('/graphql', '/metrics'));
    expect(scrape.sum('agora_router_subgraph_retries_total')).toBe(0);
  });
});
