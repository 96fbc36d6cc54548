import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badUserInput, type RunningSubgraph } from '@agora/subgraph-kit';
import { type Scrape, scrapeMetrics, waitFor } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const productsSdl = `${FEDERATION_LINK}
type Query { product: Product, productByBadId: Product }
type Product @key(fields: "id") { id: ID! name: String! }
`;
const ratingsSdl = `${FEDERATION_LINK}
type Product @key(fields: "id") { id: ID! rating: Float }
`;
const legacySdl = `${FEDERATION_LINK}
type Query { legacy: String }
`;

const REQUESTS = 'agora_graphql_request_duration_seconds_count';
const FETCHES = 'agora_router_subgraph_fetch_duration_seconds_count';

/** A URL nothing listens on: a port the OS handed out and took back. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('GET /metrics on the router', () => {
  let products: RunningSubgraph;
  let ratings: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  let scrape: Scrape;

  beforeAll(async () => {
    products = await startTinySubgraph('products', {
      sdl: productsSdl,
      resolvers: {
        Query: {
          product: () => ({ id: 'p1', name: 'Kettle' }),
          productByBadId: () => {
            throw badUserInput('id: must be a UUID', 'id');
          },
        },
      },
    });
    ratings = await startTinySubgraph('ratings', {
      sdl: ratingsSdl,
      resolvers: { Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, rating: 4.5 }) } },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    const sdl = await composeInto(temp.dir, [
      { name: 'products', url: products.url, sdl: productsSdl },
      { name: 'ratings', url: ratings.url, sdl: ratingsSdl },
      { name: 'legacy', url: await closedUrl(), sdl: legacySdl },
    ]);
    await writeFile(supergraphPath, sdl);
    router = await startRouter(supergraphPath);

    await post(router.url, 'query Kettle { product { name rating } }');
    await post(router.url, 'query Kettle { product { name rating } }');
    await post(router.url, '{ product { name } }');
    await post(router.url, 'query BadId { productByBadId { name } }');
    await post(router.url, 'query Legacy { legacy }');
    await post(router.url, 'query Nope { nope }');
    await writeFile(supergraphPath, 'this is not a supergraph');
    await waitFor(() => (router.supergraphStatus().refusals > 0 ? true : undefined));
    scrape = await scrapeMetrics(router.url.replace(/\/graphql$/, '/metrics'));
  });

  afterAll(async () => {
    await router?.stop();
    await products?.stop();
    await ratings?.stop();
    await temp?.remove();
  });

  it('answers in the Prometheus text format with the process metrics, labelled router', () => {
    expect(scrape.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.sum('process_cpu_user_seconds_total', { service: 'router' })).toBeGreaterThan(0);
  });

  it('counts client requests by operation name and outcome, and errors by code', () => {
    expect(scrape.sum(REQUESTS, { operation: 'Kettle', outcome: 'ok' })).toBe(2);
    expect(scrape.sum(REQUESTS, { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(scrape.sum(REQUESTS, { operation: 'BadId', outcome: 'partial' })).toBe(1);
    expect(scrape.sum(REQUESTS, { operation: 'Legacy', outcome: 'partial' })).toBe(1);
    expect(scrape.sum(REQUESTS, { operation: 'unresolved', outcome: 'error' })).toBe(1);
    expect(scrape.sum(REQUESTS)).toBe(6);
    expect(scrape.sum('agora_graphql_errors_total', { operation: 'BadId', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(scrape.sum('agora_graphql_errors_total', { operation: 'Legacy', code: 'SERVICE_UNAVAILABLE' })).toBe(1);
  });

  it('counts subgraph fetches by subgraph and outcome', () => {
    expect(scrape.sum(FETCHES, { subgraph: 'products', outcome: 'ok' })).toBe(3);
    expect(scrape.sum(FETCHES, { subgraph: 'products', outcome: 'error' })).toBe(1);
    expect(scrape.sum(FETCHES, { subgraph: 'ratings', outcome: 'ok' })).toBe(2);
    expect(scrape.sum(FETCHES, { subgraph: 'legacy', outcome: 'unavailable' })).toBe(1);
    expect(scrape.sum(FETCHES)).toBe(7);
  });

  it('counts query plan cache lookups: the repeated operation is a hit, the others are planned', () => {
    // Kettle twice, the anonymous query, BadId and Legacy; Nope fails validation before any plan.
    expect(scrape.sum('agora_router_query_plan_cache_lookups_total', { result: 'hit' })).toBe(1);
    expect(scrape.sum('agora_router_query_plan_cache_lookups_total', { result: 'miss' })).toBe(4);
  });

  it('reports the supergraph: loaded, changes applied and refused', () => {
    expect(scrape.sum('agora_router_supergraph_loaded')).toBe(1);
    expect(scrape.sum('agora_router_supergraph_reloads_total')).toBe(0);
    expect(scrape.sum('agora_router_supergraph_refusals_total')).toBe(1);
  });
});
