import { waitFor } from '@agora/testing';
import { parse } from 'graphql';
import {
  type BaseContext,
  createLogger,
  createSubgraphServer,
  type RunningSubgraph,
  serveSubgraph,
  shutDownGracefully,
  IDENTITY_HEADER,
} from '../src';
import { signAs, testVerifier } from './identities';

/** Long enough for the probes below to land before the server drains; nothing asserts it. */
const GRACE_MS = 1_000;

/** A promise with its resolve, to hold a resolver until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A subgraph whose `slow` field answers only once `release` opens; `entered` opens when it starts. */
function serveSlowSubgraph(
  isReady?: () => Promise<boolean>,
): Promise<RunningSubgraph & { entered: ReturnType<typeof gate>; release: ReturnType<typeof gate> }> {
  const entered = gate();
  const release = gate();
  const resolvers = {
    Query: {
      slow: async () => {
        entered.open();
        await release.promise;
        return 'done';
      },
    },
  };
  return serveSubgraph<BaseContext>({
    server: createSubgraphServer<BaseContext>({ typeDefs: parse('type Query { slow: String }'), resolvers }),
    port: 0,
    host: '127.0.0.1',
    verifier: testVerifier,
    logger: createLogger('tiny', 'silent'),
    createContext: (context) => context,
    isReady,
  }).then((running) => Object.assign(running, { entered, release }));
}

async function get(base: string, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

describe("a subgraph's /live, /ready and /health", () => {
  it('answer 200 while the store answers', async () => {
    const running = await serveSlowSubgraph(() => Promise.resolve(true));
    const base = running.url.replace('/graphql', '');
    try {
      expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = { status: 200, body: { status: 'ok', checks: { store: 'ok' } } };
      expect(await get(base, '/ready')).toEqual(ready);
      expect(await get(base, '/health')).toEqual(ready);
    } finally {
      await running.stop();
    }
  });

  it('fail /ready and /health, naming the store, when the store check throws; /live still answers', async () => {
    const running = await serveSlowSubgraph(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')));
    const base = running.url.replace('/graphql', '');
    try {
      const unavailable = { status: 503, body: { status: 'unavailable', checks: { store: 'failing' } } };
      expect(await get(base, '/ready')).toEqual(unavailable);
      expect(await get(base, '/health')).toEqual(unavailable);
      expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await running.stop();
    }
  });
});

describe('a graceful shutdown', () => {
  it('fails /ready first, keeps /live, then drains: the request in flight still completes', async () => {
    const running = await serveSlowSubgraph(() => Promise.resolve(true));
    const base = running.url.replace('/graphql', '');
    const inFlight = fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signAs(null) },
      body: JSON.stringify({ query: '{ slow }' }),
    });
    await running.entered.promise;

    let closed = false;
    const stopped = shutDownGracefully({
      health: running.health,
      graceMs: GRACE_MS,
      logger: createLogger('tiny', 'silent'),
      stop: async () => {
        await running.stop();
        closed = true;
      },
    });

    const shuttingDown = { status: 503, body: { status: 'shutting down' } };
    expect(await get(base, '/ready')).toEqual(shuttingDown);
    expect(await get(base, '/health')).toEqual(shuttingDown);
    expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });

    // Draining: the server takes no new connection, and waits for the request in flight.
    await waitFor(() => !running.httpServer.listening);
    expect(closed).toBe(false);
    running.release.open();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { slow: 'done' } });
    await stopped;
    expect(closed).toBe(true);
  });
});
