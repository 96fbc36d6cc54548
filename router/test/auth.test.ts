import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type BaseContext,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  type RunningSubgraph,
  createIdentitySigner,
} from '@agora/subgraph-kit';
import { generateKeyPair } from 'jose';
import type { Router } from '../src/app';
import { createTokenVerifier } from '../src/auth';
import {
  type AccountsJwks,
  composeInto,
  FEDERATION_LINK,
  post,
  ROUTER_KEY,
  routerTrustingVerifier,
  startAccountsJwks,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';

const whoamiSdl = `${FEDERATION_LINK}
type Query { me: Me }
type Me { userId: ID! roles: [String!]! }
`;
const ME = '{ me { userId roles } }';

describe('router authentication', () => {
  let jwks: AccountsJwks;
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  /** Headers of every request the subgraph received. */
  const received: { identity?: string; requestId?: string }[] = [];

  beforeAll(async () => {
    jwks = await startAccountsJwks();
    subgraph = await startTinySubgraph('whoami', {
      sdl: whoamiSdl,
      resolvers: { Query: { me: (_: unknown, __: unknown, context: BaseContext) => context.caller } },
      inspect: (req, _res, next) => {
        received.push({ identity: req.header(IDENTITY_HEADER), requestId: req.header(REQUEST_ID_HEADER) });
        next();
      },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'whoami', url: subgraph.url, sdl: whoamiSdl }]),
    );
    router = await startRouter(supergraphPath, { ACCOUNTS_JWKS_URL: jwks.url });
  });

  beforeEach(() => {
    received.length = 0;
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await jwks?.stop();
    await temp?.remove();
  });

  it('passes the caller of a valid token to subgraphs as an identity they can verify', async () => {
    const response = await post(router.url, ME, {
      headers: { authorization: `Bearer ${await jwks.token({ sub: 'user-42', roles: ['customer', 'admin'] })}` },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { me: { userId: 'user-42', roles: ['customer', 'admin'] } } });
    expect(received).toHaveLength(1);
    await expect(routerTrustingVerifier.verify(received[0]?.identity)).resolves.toEqual({
      caller: { userId: 'user-42', roles: ['customer', 'admin'] },
      clientAddress: expect.stringMatching(/127\.0\.0\.1$/),
    });
  });

  it('treats a request without a token as anonymous and still signs its identity and address', async () => {
    const response = await post(router.url, ME);

    expect(response.body).toEqual({ data: { me: null } });
    expect(received).toEqual([{ identity: expect.any(String), requestId: expect.any(String) }]);
    await expect(routerTrustingVerifier.verify(received[0]?.identity)).resolves.toEqual({
      caller: null,
      clientAddress: expect.stringMatching(/127\.0\.0\.1$/),
    });
  });

  it('publishes its public key at /.well-known/jwks.json, with the kid its tokens name', async () => {
    const response = await fetch(router.url.replace('/graphql', '/.well-known/jwks.json'));
    const body = (await response.json()) as { keys: Record<string, unknown>[] };

    expect(response.status).toBe(200);
    expect(body.keys).toEqual([
      {
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: (await ROUTER_KEY).kid,
        alg: 'ES256',
        use: 'sig',
      },
    ]);
  });

  const badTokens: [string, () => Promise<string>][] = [
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await jwks.token({ roles: ['customer'] })).split('.');
        const forged = Buffer.from(
          JSON.stringify({ sub: 'user-1', roles: ['admin'], iss: 'agora-accounts', aud: 'agora', exp: 9999999999 }),
        ).toString('base64url');
        return `Bearer ${header}.${forged}.${signature}`;
      },
    ],
    ['an expired token', async () => `Bearer ${await jwks.token({ expiresAt: Math.floor(Date.now() / 1000) - 60 })}`],
    ['a wrong audience', async () => `Bearer ${await jwks.token({ audience: 'someone-else' })}`],
    ['a wrong issuer', async () => `Bearer ${await jwks.token({ issuer: 'not-accounts' })}`],
    [
      'a key accounts does not publish',
      async () => `Bearer ${await jwks.token({ key: (await generateKeyPair('ES256')).privateKey })}`,
    ],
    ['a token that is not a JWT', () => Promise.resolve('Bearer garbage')],
    ['a header that is not a bearer token', () => Promise.resolve('Basic dXNlcjpwYXNz')],
  ];

  it.each(badTokens)('refuses %s with UNAUTHENTICATED and HTTP 401', async (_label, authorization) => {
    const response = await post(router.url, ME, { headers: { authorization: await authorization() } });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(received).toHaveLength(0);
  });

  it('never forwards an identity header sent by the client', async () => {
    // Even a token the router itself signed (one leaked from a subgraph's logs) is dropped.
    const leaked = await createIdentitySigner('router', await ROUTER_KEY);
    const forged = await leaked.sign({ caller: { userId: 'intruder', roles: ['admin'] } });

    const anonymous = await post(router.url, ME, { headers: { [IDENTITY_HEADER]: forged } });
    const signedIn = await post(router.url, ME, {
      headers: { [IDENTITY_HEADER]: forged, authorization: `Bearer ${await jwks.token({ sub: 'user-7', roles: [] })}` },
    });

    expect(anonymous.body).toEqual({ data: { me: null } });
    expect(signedIn.body).toEqual({ data: { me: { userId: 'user-7', roles: [] } } });
    expect(received[0]?.identity).not.toBe(forged);
    await expect(routerTrustingVerifier.verify(received[0]?.identity)).resolves.toMatchObject({ caller: null });
    await expect(routerTrustingVerifier.verify(received[1]?.identity)).resolves.toMatchObject({
      caller: { userId: 'user-7', roles: [] },
    });
  });

  it('passes the client request id on to subgraphs and back in the response', async () => {
    const response = await post(router.url, ME, { headers: { [REQUEST_ID_HEADER]: 'checkout-1234' } });

    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('checkout-1234');
    expect(received).toEqual([{ identity: expect.any(String), requestId: 'checkout-1234' }]);
  });

  it('refuses a token whose session was revoked, and accepts one without a session id until it expires', async () => {
    const verify = createTokenVerifier({
      jwksUrl: jwks.url,
      issuer: 'agora-accounts',
      audience: 'agora',
      isSessionRevoked: (sessionId) => sessionId === 'revoked-session',
    });

    await expect(verify(`Bearer ${await jwks.token({ sub: 'user-3', sid: 'live-session' })}`)).resolves.toEqual({
      userId: 'user-3',
      roles: ['customer'],
    });
    await expect(verify(`Bearer ${await jwks.token({ sub: 'user-3' })}`)).resolves.toEqual({
      userId: 'user-3',
      roles: ['customer'],
    });
    const refused = verify(`Bearer ${await jwks.token({ sub: 'user-3', sid: 'revoked-session' })}`);
    await expect(refused).rejects.toMatchObject({
      message: 'The access token is invalid: the session was revoked.',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });
});
