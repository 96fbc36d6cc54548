import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createIdentitySigner, IDENTITY_HEADER, type RunningSubgraph } from '@agora/subgraph-kit';
import { captureLog } from '@agora/testing';
import type { Router } from '../src/app';
import {
  type AccountsJwks,
  composeInto,
  FEDERATION_LINK,
  ROUTER_KEY,
  post,
  startAccountsJwks,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';

const ledgerSdl = `${FEDERATION_LINK}
type Query { balance: Int }
`;

describe('credentials in router and subgraph logs', () => {
  const routerLog = captureLog('router');
  const subgraphLog = captureLog('ledger');
  /** The identity headers the router signed for the subgraph. */
  const signedIdentities: string[] = [];
  let jwks: AccountsJwks;
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    jwks = await startAccountsJwks();
    subgraph = await startTinySubgraph('ledger', {
      sdl: ledgerSdl,
      resolvers: {
        Query: {
          balance: () => {
            throw new Error('ledger unreachable');
          },
        },
      },
      logger: subgraphLog.logger,
      inspect: (req, _res, next) => {
        const identity = req.header(IDENTITY_HEADER);
        if (identity) signedIdentities.push(identity);
        next();
      },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'ledger', url: subgraph.url, sdl: ledgerSdl }]),
    );
    router = await startRouter(supergraphPath, { ACCOUNTS_JWKS_URL: jwks.url }, routerLog.logger);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await jwks?.stop();
    await temp?.remove();
  });

  it('never appear in a line, though the request that carried them is logged as an error on both', async () => {
    const secrets = {
      authorization: `Bearer ${await jwks.token({ sub: 'admin-1', roles: ['admin'] })}`,
      cookie: 'session=cookie-secret-4711',
      'proxy-authorization': 'Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=',
      [IDENTITY_HEADER]: await (
        await createIdentitySigner('router', await ROUTER_KEY)
      ).sign({ caller: { userId: 'intruder', roles: ['admin'] } }),
      'x-forwarded-authorization': 'Bearer forwarded-secret-1618',
      'x-access-token': 'access-token-secret-2718',
      'x-refresh-token': 'refresh-token-secret-3141',
      'x-csrf-token': 'csrf-secret-1414',
      'x-amz-security-token': 'amz-session-secret-2236',
      'x-shop-session': 'invented-session-secret-5772',
    };

    const response = await post(router.url, '{ balance }', { headers: secrets });

    expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(signedIdentities).toHaveLength(1);
    const leaks = {
      ...secrets,
      token: secrets.authorization.slice('Bearer '.length),
      signed: signedIdentities[0] ?? '',
    };
    for (const [service, log] of Object.entries({ router: routerLog, subgraph: subgraphLog })) {
      expect(log.atLeast(50)).toEqual([expect.objectContaining({ msg: 'unexpected error' })]);
      for (const [name, value] of Object.entries(leaks)) {
        expect({ service, name, leaked: log.text().includes(value) }).toEqual({ service, name, leaked: false });
      }
    }
    expect(routerLog.atLeast(30).filter((line) => line.msg === 'request completed')).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        pid: expect.any(Number),
        hostname: expect.any(String),
        name: 'router',
        requestId: expect.any(String),
        method: 'POST',
        path: '/graphql',
        remoteAddress: expect.any(String),
        status: 200,
        ms: expect.any(Number),
        msg: 'request completed',
      },
    ]);
  });
});
