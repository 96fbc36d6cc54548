import { parse } from 'graphql';
import {
  type BaseContext,
  badUserInput,
  createSubgraphServer,
  forbidden,
  IDENTITY_CHALLENGE,
  IDENTITY_HEADER,
  notFound,
  type RunningSubgraph,
  serveSubgraph,
  createIdentitySigner,
  generateSigningJwk,
  unauthenticated,
} from '../src';
import { type CapturedLog, captureLog } from '@agora/testing';
import { signAs, testVerifier } from './identities';

const JSON_TYPE = 'application/json';
/** A request header telling the test subgraph's middleware to refuse the request. */
const REFUSE_HEADER = 'x-test-refuse';

/** What a subgraph's own context function could throw, by the request id the test sends. */
const thrown: Record<string, () => Error> = {
  'throw-forbidden': () => forbidden('This shop is closed to you.'),
  'throw-input': () => badUserInput('locale: must be a BCP 47 language tag', 'locale'),
  'throw-missing': () => notFound('There is no tenant "acme".'),
  'throw-fault': () => new Error('connect ECONNREFUSED 10.0.0.7:5432'),
};

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe('a request its context or a middleware refuses', () => {
  let log: CapturedLog;
  let running: RunningSubgraph;
  let base: string;

  beforeAll(async () => {
    log = captureLog('tiny');
    running = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { me: String }'),
        resolvers: {
          Query: { me: (_parent: unknown, _args: unknown, context: BaseContext) => context.caller?.userId },
        },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: log.logger,
      createContext: (context) => {
        const failure = thrown[context.requestId];
        if (failure) throw failure();
        return context;
      },
      routes: (app) => {
        app.use('/graphql', (req, _res, next) => {
          next(req.header(REFUSE_HEADER) ? unauthenticated('The session has ended.') : undefined);
        });
        app.get('/private', () => {
          throw forbidden('Only the shop owner may read this.');
        });
      },
    });
    base = running.url.replace('/graphql', '');
  });

  afterAll(() => running?.stop());

  const ask = async (headers: Record<string, string> = {}, path = '/graphql'): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method: path === '/graphql' ? 'POST' : 'GET',
      headers: { 'content-type': JSON_TYPE, [IDENTITY_HEADER]: await signAs(null), ...headers },
      body: path === '/graphql' ? JSON.stringify({ query: '{ me }' }) : undefined,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  };

  it('answers an identity signed with another key than the router’s with 401 UNAUTHENTICATED and a challenge', async () => {
    const impostor = await createIdentitySigner('router', await generateSigningJwk());
    const forged = await impostor.sign({ caller: { userId: 'u-1', roles: ['admin'] } });

    const answer = await ask({ [IDENTITY_HEADER]: forged });

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(IDENTITY_CHALLENGE);
    expect(answer.body).toEqual({
      errors: [{ message: 'The caller identity could not be verified.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers a request without an identity with 401 UNAUTHENTICATED and a challenge', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE },
      body: JSON.stringify({ query: '{ me }' }),
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(IDENTITY_CHALLENGE);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request carries no signed identity.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('still serves a caller whose identity verifies', async () => {
    const identity = await signAs({ userId: 'u-7', roles: [] });

    expect(await ask({ [IDENTITY_HEADER]: identity })).toMatchObject({ status: 200, body: { data: { me: 'u-7' } } });
  });

  it.each([
    ['FORBIDDEN', 'throw-forbidden', 403, { code: 'FORBIDDEN' }],
    ['BAD_USER_INPUT', 'throw-input', 400, { code: 'BAD_USER_INPUT', field: 'locale' }],
    ['NOT_FOUND', 'throw-missing', 404, { code: 'NOT_FOUND' }],
  ])(
    'answers a context function that throws %s with %s and the error as it is',
    async (_code, requestId, status, extensions) => {
      const answer = await ask({ 'x-request-id': requestId });

      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ errors: [{ message: thrown[requestId]?.().message, extensions }] });
    },
  );

  it('answers a middleware that refuses with UNAUTHENTICATED with 401, not a fault', async () => {
    const answer = await ask({ [REFUSE_HEADER]: 'yes' });

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      errors: [{ message: 'The session has ended.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers a route that refuses with FORBIDDEN with 403, not a fault', async () => {
    const answer = await ask({}, '/private');

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      errors: [{ message: 'Only the shop owner may read this.', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('logs none of these refusals as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });

  // After the refusals, so the one error line is its own.
  it('answers a fault in the context function with a masked 500 and logs it with the request id', async () => {
    const answer = await ask({ 'x-request-id': 'throw-fault' });

    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(log.atLeast(50)).toEqual([
      expect.objectContaining({
        msg: 'creating the request context failed',
        req: expect.objectContaining({ id: 'throw-fault' }),
        err: expect.objectContaining({ message: 'connect ECONNREFUSED 10.0.0.7:5432' }),
      }),
    ]);
  });
});
