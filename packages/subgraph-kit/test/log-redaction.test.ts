import { parse } from 'graphql';
import { type BaseContext, createSubgraphServer, IDENTITY_HEADER, type RunningSubgraph, serveSubgraph } from '../src';
import { captureLog } from '@agora/testing';
import { signAs, testVerifier } from './identities';

/** One distinct secret per credential header, so a leak names the header it came from. */
const credentials = (identity: string): Record<string, string> => ({
  authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.access-token-secret.sig',
  'proxy-authorization': 'Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=',
  cookie: 'session=cookie-secret-4711',
  [IDENTITY_HEADER]: identity,
  'x-api-key': 'api-key-secret-0815',
  'x-auth-token': 'auth-token-secret-1234',
  'x-access-token': 'access-token-secret-2718',
  'x-refresh-token': 'refresh-token-secret-3141',
  'x-forwarded-authorization': 'Bearer forwarded-secret-1618',
  'x-csrf-token': 'csrf-secret-1414',
  'x-xsrf-token': 'xsrf-secret-1732',
  'x-amz-security-token': 'amz-session-secret-2236',
});

/** A credential header no list knows, as a proxy or a client may invent one. */
const INVENTED = { 'x-shop-session': 'invented-session-secret-5772' };

function expectNoSecret(text: string, secrets: Record<string, string>): void {
  for (const [header, value] of Object.entries(secrets)) {
    expect({ header, leaked: text.includes(value) }).toEqual({ header, leaked: false });
  }
}

describe('credential headers in logs', () => {
  it('are redacted wherever a headers object sits in a line, in either spelling', () => {
    const log = captureLog('unit');
    const secrets = credentials('identity-secret-unit');
    const capitalized = Object.fromEntries(
      Object.entries(secrets).map(([name, value]) => [name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()), value]),
    );

    log.logger.info({ headers: secrets }, 'top level');
    log.logger.child({ req: { method: 'POST', headers: secrets } }).error('bound to a request logger');
    log.logger.warn({ err: { message: 'upstream failed', response: { headers: capitalized } } }, 'nested');
    log.logger.info({ res: { statusCode: 200, headers: { 'set-cookie': ['session=set-cookie-secret'] } } }, 'response');

    expectNoSecret(log.text(), { ...secrets, 'set-cookie': 'set-cookie-secret' });
    expect(log.atLeast(30)).toHaveLength(4);
    expect(log.atLeast(50)).toEqual([
      expect.objectContaining({
        msg: 'bound to a request logger',
        req: { method: 'POST', headers: expect.objectContaining({ authorization: '[Redacted]' }) },
      }),
    ]);
  });

  describe('of a subgraph that logs an unexpected error', () => {
    const log = captureLog('ledger');
    let running: RunningSubgraph;

    beforeAll(async () => {
      running = await serveSubgraph<BaseContext>({
        server: createSubgraphServer<BaseContext>({
          typeDefs: parse('type Query { balance: Int }'),
          resolvers: {
            Query: {
              balance: () => {
                throw new Error('ledger unreachable');
              },
            },
          },
        }),
        port: 0,
        host: '127.0.0.1',
        verifier: testVerifier,
        logger: log.logger,
        createContext: (context) => context,
      });
    });

    afterAll(() => running?.stop());

    it('keep the error line and the request, without its headers', async () => {
      const secrets = {
        ...credentials(await signAs({ userId: 'admin-1', roles: ['admin'] })),
        ...INVENTED,
      };

      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'ledger-1', ...secrets },
        body: JSON.stringify({ query: '{ balance }' }),
      });

      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      expectNoSecret(log.text(), secrets);
      expect(log.atLeast(50)).toEqual([
        expect.objectContaining({
          msg: 'unexpected error',
          req: { id: 'ledger-1', method: 'POST', path: '/graphql', remoteAddress: expect.any(String) },
        }),
      ]);
    });

    it('keep a GET’s path without its query string, where the variables are', async () => {
      const variables = JSON.stringify({ note: 'gift-card-secret-9999' });
      const search = new URLSearchParams({ query: '{ balance }', variables });

      await fetch(`${running.url}?${search.toString()}`, {
        headers: {
          'apollo-require-preflight': 'true',
          'x-request-id': 'ledger-2',
          [IDENTITY_HEADER]: await signAs(null),
        },
      });

      expect(log.text()).not.toContain('gift-card-secret');
      expect(log.atLeast(50)).toContainEqual(
        expect.objectContaining({ req: expect.objectContaining({ id: 'ledger-2', path: '/graphql' }) }),
      );
    });
  });
});
