import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { type CapturedLog, captureLog, scrapeMetrics } from '@agora/testing';
import type { Router } from '../src/app';
import { DEFAULT_LIMITS } from '../src/config';
import { countTokens, type OperationLimit } from '../src/operation-limits';
import {
  composeInto,
  FEDERATION_LINK,
  post,
  type GraphQLResponse,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';
import { aliasesOfSearch, nestedRecommendations } from './operation-shapes';

// The shapes of Agora's search and recommendations: a connection with `first`, and a
// list with `first: Int = 5` that nests.
const searchSdl = `${FEDERATION_LINK}
type Query { search(query: String!, first: Int, after: String, tags: [String!]): ProductConnection! }
type ProductConnection { edges: [ProductEdge!]! totalCount: Int! }
type ProductEdge { cursor: String! node: Product! }
type Product { id: ID! name: String! recommendations(first: Int = 5): [Product!]! }
`;

const product = (id: number) => ({ id: String(id), name: `Product ${id}` });
const page = (first: number | undefined) => Array.from({ length: Math.min(first ?? 20, 3) }, (_, i) => product(i));

const REFUSED = 'agora_router_operations_refused_total';

describe('operation limits at the router', () => {
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  let log: CapturedLog;
  /** Requests the subgraph has received. */
  let received = 0;

  beforeAll(async () => {
    subgraph = await startTinySubgraph('search', {
      sdl: searchSdl,
      resolvers: {
        Query: {
          search: (_: unknown, args: { first?: number }) => ({
            edges: page(args.first).map((node) => ({ cursor: node.id, node })),
            totalCount: 3,
          }),
        },
        Product: { recommendations: (_: unknown, args: { first: number }) => page(args.first) },
      },
      inspect: (_req, _res, next) => {
        received += 1;
        next();
      },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'search', url: subgraph.url, sdl: searchSdl }]),
    );
    log = captureLog('router');
    router = await startRouter(supergraphPath, {}, log.logger);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  /** Sends `query` and returns the response with how many requests the subgraph received meanwhile. */
  const send = async (
    query: string,
    variables?: Record<string, unknown>,
    url = router.url,
  ): Promise<GraphQLResponse & { subgraphRequests: number }> => {
    const before = received;
    const response = await post(url, query, { variables });
    return { ...response, subgraphRequests: received - before };
  };

  const expectRefused = (
    response: GraphQLResponse & { subgraphRequests: number },
    limit: OperationLimit,
    maximum: number,
    measured: number | null,
  ): void => {
    const shown = measured ?? `more than ${maximum}`;
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(new RegExp(`^The operation has ${shown} .*; the limit is ${maximum}\\.`)),
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit, maximum, measured },
        },
      ],
    });
    expect(response.subgraphRequests).toBe(0);
  };

  const expectServed = (response: GraphQLResponse & { subgraphRequests: number }): void => {
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.subgraphRequests).toBeGreaterThan(0);
  };

  /** `count` aliases of `name` on the products of a search. */
  const aliased = (count: number) =>
    `{ search(query: "a", first: 1) { edges { node { ${Array.from({ length: count }, (_, i) => `n${i}: name`).join(' ')} } } } }`;
  /** `count` uses of `@include` on the products of a search. */
  const directed = (count: number) =>
    `{ search(query: "a", first: 1) { edges { node { ${Array(count).fill('name @include(if: true)').join(' ')} } } } }`;
  /** A search of `count` tokens: 18 and as many tags. */
  const tokens = (count: number) =>
    `{ search(query: "a", first: 1, tags: [${' "t"'.repeat(count - 18)} ]) { totalCount } }`;
  /**
   * 13 searches of `$first` products with their recommendations (5 each):
   * 13 × (1 + first × (edges 1 + node 1 + recommendations (1 + 5 × id 1))) = 13 × (1 + 8 × first).
   */
  const costly = `query Costly($first: Int) { ${'abcdefghijklm'
    .split('')
    .map((alias) => `${alias}: search(query: "a", first: $first) { edges { node { recommendations { id } } } }`)
    .join(' ')} }`;

  it('pads a search to the token count asked for', () => {
    expect(countTokens(tokens(DEFAULT_LIMITS.tokens))).toBe(DEFAULT_LIMITS.tokens);
  });

  it.each<[OperationLimit, (n: number) => string, number]>([
    ['depth', (n) => nestedRecommendations(n, 1), DEFAULT_LIMITS.depth],
    ['aliases', aliased, DEFAULT_LIMITS.aliases],
    ['directives', directed, DEFAULT_LIMITS.directives],
  ])('refuses an operation over the %s limit, and serves one at it', async (limit, shape, maximum) => {
    expectServed(await send(shape(maximum)));
    expectRefused(await send(shape(maximum + 1)), limit, maximum, maximum + 1);
  });

  it('refuses a query text over the token limit, counting no further, and serves one at it', async () => {
    expectServed(await send(tokens(DEFAULT_LIMITS.tokens)));
    expectRefused(await send(tokens(DEFAULT_LIMITS.tokens + 1)), 'tokens', DEFAULT_LIMITS.tokens, null);
  });

  it('refuses an operation whose estimated cost with its variables is over the limit, and serves it with less', async () => {
    expectRefused(await send(costly, { first: 100 }), 'cost', DEFAULT_LIMITS.cost, 13 * (1 + 8 * 100));
    expectServed(await send(costly, { first: 90 }));
  });

  it('refuses the two operations measured on a running Agora before any subgraph request', async () => {
    const deep = await send(nestedRecommendations(30, 5));
    const aliases = await send(aliasesOfSearch(1_000));

    expectRefused(deep, 'depth', DEFAULT_LIMITS.depth, 30);
    // Over the token limit before it is even parsed.
    expectRefused(aliases, 'tokens', DEFAULT_LIMITS.tokens, null);
  });

  it('refuses them by their aliases, then by their cost alone, when the limits before are raised', async () => {
    const withRaised = async (env: NodeJS.ProcessEnv, query: string) => {
      const lenient = await startRouter(supergraphPath, env);
      try {
        return await send(query, undefined, lenient.url);
      } finally {
        await lenient.stop();
      }
    };
    const raised = { MAX_TOKENS: '100000', MAX_DEPTH: '100', MAX_ALIASES: '5000' };

    const byAliases = await withRaised({ MAX_TOKENS: '100000' }, aliasesOfSearch(1_000));
    const aliasesByCost = await withRaised(raised, aliasesOfSearch(1_000));
    const deepByCost = await withRaised(raised, nestedRecommendations(30, 5));

    expectRefused(byAliases, 'aliases', DEFAULT_LIMITS.aliases, 1_000);
    // 1,000 × (1 + 20 × (edges 1 + node (1 + id 1 + name 1)))
    expectRefused(aliasesByCost, 'cost', DEFAULT_LIMITS.cost, 81_000);
    expect(deepByCost.body.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', measured: expect.any(Number) });
    expect(deepByCost.subgraphRequests).toBe(0);
  });

  it('checks a persisted query by hash against the cost of the variables it is sent with', async () => {
    const extensions = (query: string) => ({
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    });
    const postPersisted = async (body: object) => {
      const before = received;
      const response = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResponse['body'],
        subgraphRequests: received - before,
      };
    };
    expectServed(await postPersisted({ query: costly, variables: { first: 1 }, extensions: extensions(costly) }));
    const byHash = await postPersisted({ variables: { first: 100 }, extensions: extensions(costly) });

    expectRefused(byHash, 'cost', DEFAULT_LIMITS.cost, 13 * (1 + 8 * 100));
  });

  it('counts refusals by limit on /metrics, each limit from 0', async () => {
    const scrape = await scrapeMetrics(router.url.replace(/\/graphql$/, '/metrics'));

    expect(scrape.labelValues(REFUSED, 'limit').sort()).toEqual(['aliases', 'cost', 'depth', 'directives', 'tokens']);
    expect(scrape.sum(REFUSED, { limit: 'tokens' })).toBe(2);
    expect(scrape.sum(REFUSED, { limit: 'depth' })).toBe(2);
    expect(scrape.sum(REFUSED, { limit: 'aliases' })).toBe(1);
    expect(scrape.sum(REFUSED, { limit: 'directives' })).toBe(1);
    expect(scrape.sum(REFUSED, { limit: 'cost' })).toBe(2);
  });

  it('serves operations over every default limit when each limit is 0 (off)', async () => {
    const off = await startRouter(supergraphPath, {
      MAX_TOKENS: '0',
      MAX_DEPTH: '0',
      MAX_ALIASES: '0',
      MAX_DIRECTIVES: '0',
      MAX_COST: '0',
    });
    try {
      const directives = `{ search(query: "a", first: 1) { edges { node { ${'id @include(if: true) '.repeat(25)}} } } }`;
      // Over the tokens, aliases and cost limits at once; then depth 30; then 25 directives.
      for (const query of [aliasesOfSearch(1_000), nestedRecommendations(30, 1), directives]) {
        expectServed(await send(query, undefined, off.url));
      }
      const scrape = await scrapeMetrics(off.url.replace(/\/graphql$/, '/metrics'));
      expect(scrape.sum(REFUSED)).toBe(0);
    } finally {
      await off.stop();
    }
  });

  it('logs none of the refusals as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });
});
