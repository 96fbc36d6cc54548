import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type BaseContext,
  createIdentitySigner,
  DEADLINE_HEADER,
  type RunningSubgraph,
  SubgraphClient,
} from '@agora/subgraph-kit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type express from 'express';
import { parse } from 'graphql';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, ROUTER_KEY, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const frontSdl = `${FEDERATION_LINK}
type Query { relay: Int }
`;
const backSdl = `${FEDERATION_LINK}
type Query { budget: Int }
`;
const BUDGET = parse('query Budget { budget }') as TypedDocumentNode<{ budget: number }, Record<string, never>>;
const REQUEST_TIMEOUT_MS = 4_000;

/** Records the deadline header of each request the subgraph gets. */
function recordDeadlines(into: number[]): express.RequestHandler {
  return (req, _res, next) => {
    into.push(Number(req.header(DEADLINE_HEADER)));
    next();
  };
}

describe('request deadlines through the router', () => {
  const atFront: number[] = [];
  const atBack: number[] = [];
  let front: RunningSubgraph;
  let back: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    back = await startTinySubgraph('back', {
      sdl: backSdl,
      resolvers: { Query: { budget: () => 1 } },
      inspect: recordDeadlines(atBack),
    });
    // The back subgraph trusts only the router's key; the front calls as the router would, so the token verifies.
    const backClient = new SubgraphClient({
      url: back.url,
      name: 'back',
      signer: await createIdentitySigner('router', await ROUTER_KEY),
    });
    front = await startTinySubgraph('front', {
      sdl: frontSdl,
      resolvers: {
        Query: {
          relay: async (_parent: unknown, _args: unknown, context: BaseContext) => {
            const { requestId, deadline } = context;
            return (await backClient.request(BUDGET, {}, { caller: null, requestId, deadline })).budget;
          },
        },
      },
      inspect: recordDeadlines(atFront),
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'front', url: front.url, sdl: frontSdl }]));
    router = await startRouter(supergraphPath, { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  });

  afterAll(async () => {
    await router?.stop();
    await front?.stop();
    await back?.stop();
    await temp?.remove();
  });

  it('gives a subgraph less time than the router has, and the subgraph gives its callee less again', async () => {
    const response = await post(router.url, '{ relay }');

    expect(response.body).toEqual({ data: { relay: 1 } });
    expect(atFront).toHaveLength(1);
    expect(atBack).toHaveLength(1);
    const [sentToFront = NaN] = atFront;
    const [sentToBack = NaN] = atBack;
    expect(sentToFront).toBeGreaterThan(0);
    expect(sentToFront).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(sentToBack).toBeGreaterThan(0);
    expect(sentToBack).toBeLessThan(sentToFront);
  });
});
