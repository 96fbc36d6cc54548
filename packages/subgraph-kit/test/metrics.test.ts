import { type Scrape, scrapeMetrics, startSubgraphs, type StartedSubgraphs } from '@agora/testing';
import { parse } from 'graphql';
import { Counter } from 'prom-client';
import {
  badUserInput,
  type BaseContext,
  createLogger,
  createSubgraphServer,
  notFound,
  type RunningSubgraph,
  serveSubgraph,
  IDENTITY_HEADER,
} from '../src';
import { signAs, testVerifier } from './identities';

const DURATION = 'agora_graphql_request_duration_seconds_count';
const ERRORS = 'agora_graphql_errors_total';

const metricsUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '/metrics');

describe('GET /metrics on a served subgraph', () => {
  let running: RunningSubgraph;
  let scrape: Scrape;
  const widgets = new Counter({ name: 'tiny_widgets_total', help: 'Widgets made.', registers: [] });

  const send = async (query: string, operationName?: string): Promise<void> => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signAs(null) },
      body: JSON.stringify({ query, operationName }),
    });
    await response.arrayBuffer();
  };

  beforeAll(async () => {
    running = await serveSubgraph<BaseContext>({
      name: 'tiny',
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { hello: String!, missing: String, broken: String! }'),
        resolvers: {
          Query: {
            hello: () => 'hello',
            missing: () => {
              throw notFound('There is no such thing.');
            },
            broken: () => {
              throw badUserInput('id: not an id', 'id');
            },
          },
        },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: createLogger('tiny', 'silent'),
      createContext: (context) => context,
      operationMetrics: { operationNameLimit: 3 },
      metrics: [widgets],
    });
    widgets.inc(2);
    await send('query Hello { hello }');
    await send('query Hello { hello }');
    await send('{ hello }');
    await send('query Missing { missing }');
    await send('query Broken { broken }');
    // Past the limit of three names: counted, but as `other`.
    await send('query Fresh1 { hello }');
    await send('query Fresh2 { hello }');
    await send('query Hello { hello }');
    // Neither parses and validates, so neither name becomes a label.
    await send('query Unparsed { hello');
    await send('query Invalid { nope }');
    scrape = await scrapeMetrics(metricsUrl(running.url));
  });
  afterAll(() => running?.stop());

  it('answers in the Prometheus text format, labelled with the service', () => {
    expect(scrape.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.labelValues(DURATION, 'service')).toEqual(['tiny']);
  });

  it('carries the process metrics', () => {
    expect(scrape.sum('process_cpu_user_seconds_total', { service: 'tiny' })).toBeGreaterThan(0);
    expect(scrape.labelValues('nodejs_heap_size_used_bytes', 'service')).toEqual(['tiny']);
  });

  it('counts requests by operation name and outcome', () => {
    expect(scrape.sum(DURATION, { operation: 'Hello', outcome: 'ok' })).toBe(3);
    expect(scrape.sum(DURATION, { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(scrape.sum(DURATION, { operation: 'Missing', outcome: 'partial' })).toBe(1);
    expect(scrape.sum(DURATION, { operation: 'Broken', outcome: 'error' })).toBe(1);
    expect(scrape.sum(DURATION, { operation: 'unresolved', outcome: 'error' })).toBe(2);
    expect(scrape.sum(DURATION)).toBe(10);
  });

  it('labels at most the configured number of operation names, the rest as other', () => {
    expect(scrape.sum(DURATION, { operation: 'other' })).toBe(2);
    expect(scrape.labelValues(DURATION, 'operation').sort()).toEqual([
      'Broken',
      'Hello',
      'Missing',
      'anonymous',
      'other',
      'unresolved',
    ]);
  });

  it('counts errors by operation and code', () => {
    expect(scrape.sum(ERRORS, { operation: 'Missing', code: 'NOT_FOUND' })).toBe(1);
    expect(scrape.sum(ERRORS, { operation: 'Broken', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(scrape.sum(ERRORS, { operation: 'unresolved', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(scrape.sum(ERRORS, { operation: 'unresolved', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(scrape.sum(ERRORS)).toBe(4);
  });

  it('serves the service’s own metrics beside the kit’s', () => {
    expect(scrape.sum('tiny_widgets_total', { service: 'tiny' })).toBe(2);
  });

  it('has no pool gauges for a service without a pool', () => {
    expect(scrape.samples.some((sample) => sample.name.startsWith('agora_db_pool_'))).toBe(false);
  });
});

describe('GET /metrics on a subgraph over PostgreSQL', () => {
  let started: StartedSubgraphs<'accounts'>;

  beforeAll(async () => {
    started = await startSubgraphs(['accounts'], { prefix: 'kitmetrics' });
  });
  afterAll(() => started?.stop());

  it('reports the database pool: clients in use and idle, requests waiting', async () => {
    const { service, running } = started.subgraphs.accounts;
    expect(await service.isReady()).toBe(true);
    const scrape = await scrapeMetrics(metricsUrl(running.url));
    const labels = { service: 'accounts' };
    const open = scrape.sum('agora_db_pool_clients_in_use', labels) + scrape.sum('agora_db_pool_clients_idle', labels);
    expect(open).toBe(service.db.pool.totalCount);
    expect(open).toBeGreaterThan(0);
    expect(scrape.samples.filter((s) => s.name === 'agora_db_pool_requests_waiting')).toEqual([
      { name: 'agora_db_pool_requests_waiting', labels, value: 0 },
    ]);
  });
});
