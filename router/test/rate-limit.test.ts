import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BaseContext, createIdentitySigner, IDENTITY_HEADER } from '@agora/subgraph-kit';
import { describeRedis, REDIS_URL, scrapeMetrics, uniqueRedisPrefix } from '@agora/testing';
import type { Router } from '../src/app';
import {
  type AccountsJwks,
  composeInto,
  FEDERATION_LINK,
  type GraphQLResponse,
  ROUTER_KEY,
  post,
  startAccountsJwks,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';

const whoamiSdl = `${FEDERATION_LINK}
type Query { whoami: Whoami! }
type Whoami { userId: ID address: String }
`;
const WHOAMI = '{ whoami { userId address } }';
const LIMIT = 3;

type Running = Router & { url: string };

let jwks: AccountsJwks;
let subgraph: Awaited<ReturnType<typeof startTinySubgraph>>;
let temp: Awaited<ReturnType<typeof tempDir>>;
let supergraphPath: string;

beforeAll(async () => {
  jwks = await startAccountsJwks();
  subgraph = await startTinySubgraph('whoami', {
    sdl: whoamiSdl,
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, context: BaseContext) => ({
          userId: context.caller?.userId ?? null,
          address: context.clientAddress ?? null,
        }),
      },
    },
  });
  temp = await tempDir();
  supergraphPath = path.join(temp.dir, 'supergraph.graphql');
  await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'whoami', url: subgraph.url, sdl: whoamiSdl }]));
});

afterAll(async () => {
  await subgraph?.stop();
  await jwks?.stop();
  await temp?.remove();
});

/** A router allowing LIMIT requests per client per minute, trusting one proxy hop for X-Forwarded-For. */
function limitedRouter(env: NodeJS.ProcessEnv = {}): Promise<Running> {
  return startRouter(supergraphPath, {
    ACCOUNTS_JWKS_URL: jwks.url,
    RATE_LIMIT_REQUESTS: String(LIMIT),
    RATE_LIMIT_WINDOW_SECONDS: '60',
    TRUST_PROXY: '1',
    ...env,
  });
}

function from(address: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-forwarded-for': address, ...headers } };
}

async function send(url: string, count: number, options: { headers: Record<string, string> }): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await post(url, WHOAMI, options)).status);
  return statuses;
}

function expectRateLimited(response: GraphQLResponse): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([
    {
      message: `Too many requests; try again in ${retryAfter} s.`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
    },
  ]);
}

describe('the per-client rate limit, in memory', () => {
  let router: Running;
  beforeAll(async () => {
    router = await limitedRouter();
  });
  afterAll(() => router?.stop());

  it('refuses the request over the limit with 429 RATE_LIMITED and Retry-After, and serves another client', async () => {
    expect(await send(router.url, LIMIT, from('203.0.113.1'))).toEqual([200, 200, 200]);
    expectRateLimited(await post(router.url, WHOAMI, from('203.0.113.1')));

    const other = await post(router.url, WHOAMI, from('203.0.113.2'));
    expect(other.body).toEqual({ data: { whoami: { userId: null, address: '203.0.113.2' } } });
  });

  it('keys a signed-in user by user: served from a refused address, limited across addresses', async () => {
    await send(router.url, LIMIT + 1, from('203.0.113.3'));
    const authorization = `Bearer ${await jwks.token({ sub: 'user-rl-1' })}`;

    const signedIn = await post(router.url, WHOAMI, from('203.0.113.3', { authorization }));
    expect(signedIn.body).toEqual({ data: { whoami: { userId: 'user-rl-1', address: '203.0.113.3' } } });
    expect((await post(router.url, WHOAMI, from('203.0.113.4', { authorization }))).status).toBe(200);
    expect((await post(router.url, WHOAMI, from('203.0.113.5', { authorization }))).status).toBe(200);
    expectRateLimited(await post(router.url, WHOAMI, from('203.0.113.6', { authorization })));
    expect((await post(router.url, WHOAMI, from('203.0.113.6'))).status).toBe(200);
  });

  it('passes subgraphs the address it counted, never an identity the client sent naming another', async () => {
    const leaked = await createIdentitySigner('router', await ROUTER_KEY);
    const forged = await leaked.sign({ caller: null, clientAddress: '10.0.0.1' });
    const response = await post(router.url, WHOAMI, from('203.0.113.8', { [IDENTITY_HEADER]: forged }));
    expect(response.body).toEqual({ data: { whoami: { userId: null, address: '203.0.113.8' } } });
  });

  it('does not limit the health and metrics routes, and counts refusals by client key', async () => {
    await send(router.url, LIMIT + 1, from('203.0.113.7'));
    const base = router.url.replace(/\/graphql$/, '');
    for (const route of ['/live', '/ready', '/metrics']) {
      const response = await fetch(`${base}${route}`, from('203.0.113.7'));
      expect(response.status).toBe(200);
    }
    const scrape = await scrapeMetrics(`${base}/metrics`);
    expect(scrape.sum('agora_router_rate_limited_total', { client: 'address' })).toBe(3);
    expect(scrape.sum('agora_router_rate_limited_total', { client: 'user' })).toBe(1);
  });
});

describe('X-Forwarded-For without TRUST_PROXY', () => {
  let router: Running;
  beforeAll(async () => {
    router = await limitedRouter({ TRUST_PROXY: '0' });
  });
  afterAll(() => router?.stop());

  it('is ignored: the TCP peer is the client, whatever address the header names', async () => {
    const statuses = await Promise.all(
      Array.from(
        { length: LIMIT + 1 },
        async (_, i) => (await post(router.url, WHOAMI, from(`198.51.100.${i}`))).status,
      ),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    expectRateLimited(await post(router.url, WHOAMI, from('198.51.100.99')));
  });
});

describeRedis()('the per-client rate limit, in Redis', () => {
  let first: Running;
  let second: Running;
  beforeAll(async () => {
    const env = { REDIS_URL, RATE_LIMIT_KEY_PREFIX: uniqueRedisPrefix('router') };
    first = await limitedRouter(env);
    second = await limitedRouter(env);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('counts a client across two routers sharing one Redis', async () => {
    expect(first.rateLimit.store).toBe('redis');
    expect(await send(first.url, 2, from('192.0.2.1'))).toEqual([200, 200]);
    expect(await send(second.url, 1, from('192.0.2.1'))).toEqual([200]);
    expectRateLimited(await post(second.url, WHOAMI, from('192.0.2.1')));
    expectRateLimited(await post(first.url, WHOAMI, from('192.0.2.1')));
    expect((await post(first.url, WHOAMI, from('192.0.2.2'))).status).toBe(200);
  });

  it('keys a signed-in user by user across both routers', async () => {
    const authorization = `Bearer ${await jwks.token({ sub: 'user-rl-redis' })}`;
    expect((await post(first.url, WHOAMI, from('192.0.2.3', { authorization }))).status).toBe(200);
    expect((await post(second.url, WHOAMI, from('192.0.2.4', { authorization }))).status).toBe(200);
    expect((await post(first.url, WHOAMI, from('192.0.2.5', { authorization }))).status).toBe(200);
    expectRateLimited(await post(second.url, WHOAMI, from('192.0.2.6', { authorization })));
  });
});
