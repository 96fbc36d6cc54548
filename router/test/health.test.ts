import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createLogger, type RunningSubgraph, shutDownGracefully } from '@agora/subgraph-kit';
import { waitFor } from '@agora/testing';
import { createRouter } from '../src/app';
import { loadConfig } from '../src/config';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

/** Long enough for the probes below to land before the router drains; nothing asserts it. */
const GRACE_MS = 1_000;

const slowSdl = `${FEDERATION_LINK}
type Query { slow: String! }
`;

async function get(base: string, route: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${route}`);
  return { status: response.status, body: await response.json() };
}

describe("the router's /live, /ready and /health", () => {
  let subgraph: RunningSubgraph;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  /** Holds the subgraph's `slow` answer until the test opens it. */
  let release: () => void = () => undefined;
  let entered: Promise<void> = Promise.resolve();
  let enter: () => void = () => undefined;

  beforeAll(async () => {
    subgraph = await startTinySubgraph('slow', {
      sdl: slowSdl,
      resolvers: {
        Query: {
          slow: async () => {
            enter();
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            return 'done';
          },
        },
      },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'slow', url: subgraph.url, sdl: slowSdl }]));
  });

  afterAll(async () => {
    await subgraph?.stop();
    await temp?.remove();
  });

  it('answer 200 once a supergraph is loaded, with its reload counters', async () => {
    const router = await startRouter(supergraphPath);
    const base = router.url.replace('/graphql', '');
    try {
      expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = {
        status: 200,
        body: {
          status: 'ok',
          checks: { supergraph: 'ok' },
          supergraph: { loaded: true, reloads: 0, refusals: 0, lastRefusal: null },
        },
      };
      expect(await get(base, '/ready')).toEqual(ready);
      expect(await get(base, '/health')).toEqual(ready);
    } finally {
      await router.stop();
    }
  });

  it('fail /ready and /health, naming the supergraph, while none is loaded; /live answers', async () => {
    // `start` listens only once the supergraph is loaded, so its HTTP server is served here before that.
    const router = createRouter(loadConfig({ LOG_LEVEL: 'silent', SUPERGRAPH_PATH: supergraphPath }));
    await new Promise<void>((resolve) => router.httpServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(router.httpServer.address() as AddressInfo).port}`;
    try {
      const unavailable = {
        status: 503,
        body: {
          status: 'unavailable',
          checks: { supergraph: 'failing' },
          supergraph: { loaded: false, reloads: 0, refusals: 0, lastRefusal: null },
        },
      };
      expect(await get(base, '/ready')).toEqual(unavailable);
      expect(await get(base, '/health')).toEqual(unavailable);
      expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await new Promise((resolve) => router.httpServer.close(resolve));
    }
  });

  it('on shutdown fail /ready first, keep /live, then drain: the request in flight still completes', async () => {
    const router = await startRouter(supergraphPath);
    const base = router.url.replace('/graphql', '');
    entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const inFlight = post(router.url, '{ slow }');
    await entered;

    let stoppedRouter = false;
    const stopped = shutDownGracefully({
      health: router.health,
      graceMs: GRACE_MS,
      logger: createLogger('router', 'silent'),
      stop: async () => {
        await router.stop();
        stoppedRouter = true;
      },
    });

    const shuttingDown = { status: 503, body: { status: 'shutting down' } };
    expect(await get(base, '/ready')).toEqual(shuttingDown);
    expect(await get(base, '/health')).toEqual(shuttingDown);
    expect(await get(base, '/live')).toEqual({ status: 200, body: { status: 'ok' } });

    // Draining: the router takes no new connection, and waits for the request in flight.
    await waitFor(() => !router.httpServer.listening);
    expect(stoppedRouter).toBe(false);
    release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { slow: 'done' } });
    await stopped;
    expect(stoppedRouter).toBe(true);
  });
});
