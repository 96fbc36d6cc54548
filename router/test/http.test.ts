import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String! }
`;

describe('router HTTP surface', () => {
  let subgraph: RunningSubgraph;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  const routers: Router[] = [];

  const start = async (env: NodeJS.ProcessEnv = {}): Promise<Router & { url: string }> => {
    const router = await startRouter(supergraphPath, env);
    routers.push(router);
    return router;
  };

  beforeAll(async () => {
    subgraph = await startTinySubgraph('greeting', {
      sdl: greetingSdl,
      resolvers: { Query: { greeting: () => 'hi' } },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    // The committed routing URL points nowhere; SUBGRAPH_URL_GREETING is what reaches the subgraph.
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'greeting', url: 'http://127.0.0.1:9/graphql', sdl: greetingSdl }]),
    );
  });

  afterAll(async () => {
    for (const router of routers) await router.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  it('routes to the URL a SUBGRAPH_URL_<NAME> override gives, over the supergraph routing URL', async () => {
    const router = await start({ SUBGRAPH_URL_GREETING: subgraph.url });

    expect((await post(router.url, '{ greeting }')).body).toEqual({ data: { greeting: 'hi' } });
  });

  it('answers GET operations and reports health once the supergraph is loaded', async () => {
    const router = await start({ SUBGRAPH_URL_GREETING: subgraph.url });

    const get = await fetch(`${router.url}?query=${encodeURIComponent('{ greeting }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    const health = await fetch(router.url.replace('/graphql', '/health'));

    expect(await get.json()).toEqual({ data: { greeting: 'hi' } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', supergraph: { loaded: true } });
  });

  it('allows browsers only from the CORS allow-list', async () => {
    const router = await start({ CORS_ORIGINS: 'https://shop.example' });
    const preflight = (origin: string) =>
      fetch(router.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    expect((await preflight('https://shop.example')).headers.get('access-control-allow-origin')).toBe(
      'https://shop.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses introspection when it is turned off', async () => {
    const router = await start({ INTROSPECTION: 'false' });

    const response = await post(router.url, '{ __schema { queryType { name } } }');

    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
