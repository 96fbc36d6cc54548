import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSigningJwk, type RunningSubgraph } from '@agora/subgraph-kit';
import { type CapturedLog, captureLog } from '@agora/testing';
import type { Router } from '../src/app';
import {
  type AccountsJwks,
  composeInto,
  FEDERATION_LINK,
  post,
  startAccountsJwks,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String }
`;

describe('a subgraph that refuses the identity the router signed', () => {
  let routerLog: CapturedLog;
  let jwks: AccountsJwks;
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    jwks = await startAccountsJwks();
    subgraph = await startTinySubgraph('greeting', {
      sdl: greetingSdl,
      resolvers: { Query: { greeting: () => 'hi' } },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'greeting', url: subgraph.url, sdl: greetingSdl }]),
    );
    routerLog = captureLog('router');
    // A router signing with another key than the one its subgraphs trust: the subgraph answers it 401.
    router = await startRouter(
      supergraphPath,
      { ACCOUNTS_JWKS_URL: jwks.url, ROUTER_SIGNING_KEY: JSON.stringify(await generateSigningJwk()) },
      routerLog.logger,
    );
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await jwks?.stop();
    await temp?.remove();
  });

  it('is a masked server fault to the client, logged as one, never the client’s UNAUTHENTICATED', async () => {
    const response = await post(router.url, '{ greeting }', {
      headers: { authorization: `Bearer ${await jwks.token()}`, 'x-request-id': 'mismatch-1' },
    });

    expect(response.body).toEqual({
      data: { greeting: null },
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(JSON.stringify(response.body)).not.toContain(subgraph.url);
    expect(routerLog.atLeast(50)).toEqual([
      expect.objectContaining({ msg: 'unexpected error', requestId: 'mismatch-1' }),
    ]);
  });
});
