import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type HangingEndpoint, scrapeMetrics, startHangingEndpoint, waitFor } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, tempDir } from './helpers';

const hungSdl = `${FEDERATION_LINK}
type Query { slow: String }
`;
const BREAKER_FAILURES = 3;

describe('router circuit breakers', () => {
  let endpoint: HangingEndpoint;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  const metricsUrl = () => router.url.replace('/graphql', '/metrics');

  beforeAll(async () => {
    endpoint = await startHangingEndpoint(() => ({ status: 200, body: { data: { slow: 'fine' } } }));
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'hung', url: endpoint.url, sdl: hungSdl }]));
    router = await startRouter(supergraphPath, {
      SUBGRAPH_TIMEOUT_MS: '300',
      BREAKER_FAILURES: String(BREAKER_FAILURES),
      BREAKER_HALF_OPEN_AFTER_MS: '1000',
    });
  });

  afterAll(async () => {
    await router?.stop();
    await endpoint?.close();
    await temp?.remove();
  });

  it('opens after BREAKER_FAILURES timeouts, then answers in under 100 ms without reaching the subgraph', async () => {
    for (let i = 0; i < BREAKER_FAILURES; i += 1) {
      const response = await post(router.url, '{ slow }');
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'hung' });
    }
    expect(endpoint.hungRequests).toBe(BREAKER_FAILURES);

    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const response = await post(router.url, '{ slow }');
      const ms = performance.now() - started;

      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ slow: null });
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          message: 'The hung service is unavailable.',
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'hung', circuit: 'open' }),
        }),
      ]);
      expect(ms).toBeLessThan(100);
    }
    expect(endpoint.hungRequests).toBe(BREAKER_FAILURES);

    const scrape = await scrapeMetrics(metricsUrl());
    expect(scrape.sum('agora_router_subgraph_circuit_state', { subgraph: 'hung' })).toBe(2);
    expect(
      scrape.sum('agora_router_subgraph_fetches_refused_total', { subgraph: 'hung', reason: 'circuit_open' }),
    ).toBe(5);
  });

  it('closes again through a half-open probe once the subgraph answers', async () => {
    endpoint.hanging = false;

    const answer = await waitFor(async () => (await post(router.url, '{ slow }')).body.data?.slow as string | null, {
      timeoutMs: 5_000,
    });

    expect(answer).toBe('fine');
    expect(endpoint.hungRequests).toBe(BREAKER_FAILURES);
    expect((await scrapeMetrics(metricsUrl())).sum('agora_router_subgraph_circuit_state', { subgraph: 'hung' })).toBe(
      0,
    );
    expect((await post(router.url, '{ slow }')).body).toEqual({ data: { slow: 'fine' } });
  });
});
