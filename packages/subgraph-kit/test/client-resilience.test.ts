import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type HangingEndpoint, startHangingEndpoint, waitFor } from '@agora/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLError, parse } from 'graphql';
import { Registry } from 'prom-client';
import { SubgraphClient } from '../src/client';
import { subgraphClientMetrics } from '../src/client-metrics';
import { Deadline, DEADLINE_HEADER } from '../src/deadline';
import type { IdentitySigner } from '../src/identity-signer';
import { testSigner } from './identities';

const SLOW = parse('query Slow { slow }') as TypedDocumentNode<{ slow: string }, Record<string, never>>;
const TOUCH = parse('mutation Touch { touch }') as TypedDocumentNode<{ touch: string }, Record<string, never>>;
const as = { caller: null };
const HALF_OPEN_AFTER_MS = 600;

/** The client's metric samples, as the service's /metrics would show them. */
async function clientMetric(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const registry = new Registry();
  for (const metric of subgraphClientMetrics()) registry.registerMetric(metric);
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as { labels: Record<string, string | number>; value: number }[];
  return values.find((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))?.value;
}

async function failureOf(call: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await call;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('the call succeeded');
}

describe('SubgraphClient resilience', () => {
  let signer: IdentitySigner;
  beforeAll(async () => {
    signer = await testSigner('orders');
  });
  let endpoint: HangingEndpoint;
  afterEach(async () => endpoint?.close());

  it('opens the circuit after BREAKER_FAILURES timeouts, then refuses in under 100 ms without calling', async () => {
    endpoint = await startHangingEndpoint(() => ({ status: 200, body: { data: { slow: 'fine' } } }));
    const client = new SubgraphClient({
      url: endpoint.url,
      name: 'hung-callee',
      signer,
      timeoutMs: 200,
      breaker: { failures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
    });

    for (let i = 0; i < 3; i += 1) {
      const { error } = await failureOf(client.request(SLOW, {}, as));
      expect((error as Error).name).toBe('TimeoutError');
    }
    expect(endpoint.hungRequests).toBe(3);
    expect(await clientMetric('agora_subgraph_client_circuit_state', { callee: 'hung-callee' })).toBe(2);

    for (let i = 0; i < 5; i += 1) {
      const { error, ms } = await failureOf(client.request(SLOW, {}, as));
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        serviceName: 'hung-callee',
        circuit: 'open',
      });
      expect(ms).toBeLessThan(100);
    }
    expect(endpoint.hungRequests).toBe(3);
    expect(
      await clientMetric('agora_subgraph_client_calls_refused_total', {
        callee: 'hung-callee',
        reason: 'circuit_open',
      }),
    ).toBe(5);

    // Past the half-open delay one probe goes to the still hung callee; calls meanwhile are refused at once.
    await sleep(HALF_OPEN_AFTER_MS); // the breaker goes half-open on time, not on an event
    const probe = failureOf(client.request(SLOW, {}, as));
    const duringProbe = await failureOf(client.request(SLOW, {}, as));
    expect((duringProbe.error as GraphQLError).extensions).toMatchObject({ circuit: 'open' });
    expect(duringProbe.ms).toBeLessThan(100);
    expect(((await probe).error as Error).name).toBe('TimeoutError');
    expect(endpoint.hungRequests).toBe(4);

    // The callee answers again: after the failed probe and another half-open delay, one probe closes the circuit.
    endpoint.hanging = false;
    const answer = await waitFor(() => client.request(SLOW, {}, as).catch(() => null), { timeoutMs: 5_000 });
    expect(answer).toEqual({ slow: 'fine' });
    expect(await clientMetric('agora_subgraph_client_circuit_state', { callee: 'hung-callee' })).toBe(0);
    expect(endpoint.hungRequests).toBe(4);
  });

  it('retries a query after a 5xx with back-off, and never a mutation', async () => {
    let failuresLeft = 2;
    endpoint = await startHangingEndpoint(({ body }) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return { status: 503, body: { errors: [{ message: 'busy' }] } };
      }
      const isMutation = String((body as { query: string }).query).startsWith('mutation');
      return { status: 200, body: { data: isMutation ? { touch: 'done' } : { slow: 'fine' } } };
    });
    endpoint.hanging = false;
    const client = new SubgraphClient({ url: endpoint.url, name: 'flaky-callee', signer });

    expect(await client.request(SLOW, {}, as)).toEqual({ slow: 'fine' });
    expect(endpoint.answeredRequests).toBe(3);
    expect(await clientMetric('agora_subgraph_client_retries_total', { callee: 'flaky-callee' })).toBe(2);

    failuresLeft = 1;
    await expect(client.request(TOUCH, {}, as)).rejects.toThrow('answered HTTP 503');
    expect(endpoint.answeredRequests).toBe(4);
  });

  it('does not count 4xx answers as failures of the callee', async () => {
    endpoint = await startHangingEndpoint(() => ({ status: 400, body: { errors: [{ message: 'bad' }] } }));
    endpoint.hanging = false;
    const client = new SubgraphClient({
      url: endpoint.url,
      name: 'refusing-callee',
      signer,
      breaker: { failures: 2, halfOpenAfterMs: 60_000 },
    });

    for (let i = 0; i < 4; i += 1) await expect(client.request(SLOW, {}, as)).rejects.toThrow('answered HTTP 400');
    expect(endpoint.answeredRequests).toBe(4);
    expect(await clientMetric('agora_subgraph_client_circuit_state', { callee: 'refusing-callee' })).toBe(0);
  });

  it('sends the budget left to the callee, and does not send a call whose deadline has passed', async () => {
    const budgets: string[] = [];
    endpoint = await startHangingEndpoint(({ headers }) => {
      budgets.push(String(headers[DEADLINE_HEADER]));
      return { status: 200, body: { data: { slow: 'fine' } } };
    });
    endpoint.hanging = false;
    const client = new SubgraphClient({ url: endpoint.url, name: 'timed-callee', signer });

    await client.request(SLOW, {}, { caller: null, deadline: Deadline.after(1_000) });
    await client.request(SLOW, {}, as);
    const { error } = await failureOf(client.request(SLOW, {}, { caller: null, deadline: Deadline.after(0) }));

    expect(Number(budgets[0])).toBeGreaterThan(0);
    expect(Number(budgets[0])).toBeLessThan(1_000);
    // Without a deadline the callee is told the client's own timeout (5 000 ms by default).
    expect(budgets[1]).toBe('5000');
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', deadline: 'exceeded' });
    expect(endpoint.answeredRequests).toBe(2);
    expect(
      await clientMetric('agora_subgraph_client_calls_refused_total', {
        callee: 'timed-callee',
        reason: 'deadline_exceeded',
      }),
    ).toBe(1);
  });
});
