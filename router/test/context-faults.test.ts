import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { captureLog } from '@agora/testing';
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
type Query { greeting: String! }
`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a fault while the router reads the caller', () => {
  const routerLog = captureLog('router');
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
    // The JWKS cannot be fetched: a server fault, not the caller's.
    router = await startRouter(
      supergraphPath,
      { ACCOUNTS_JWKS_URL: `http://127.0.0.1:${await closedPort()}/.well-known/jwks.json` },
      routerLog.logger,
    );
  });
  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await jwks?.stop();
    await temp?.remove();
  });

  it('is answered as a masked server error and logged as one, with the request id', async () => {
    const response = await post(router.url, '{ greeting }', {
      headers: { authorization: `Bearer ${await jwks.token()}`, 'x-request-id': 'jwks-down-1' },
    });

    expect(response.status).toBe(500);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }),
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(routerLog.atLeast(50)).toEqual([
      expect.objectContaining({ msg: 'creating the request context failed', requestId: 'jwks-down-1' }),
    ]);
  });

  it('leaves an anonymous caller unaffected', async () => {
    expect((await post(router.url, '{ greeting }')).body).toEqual({ data: { greeting: 'hi' } });
  });
});
