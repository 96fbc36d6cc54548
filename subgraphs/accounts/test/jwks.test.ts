import type { RunningSubgraph } from '@agora/subgraph-kit';
import { createIdentityVerifier, createLogger, serveSubgraph } from '@agora/subgraph-kit';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { createAccountsService } from '../src/app';
import { JWKS_PATH } from '../src/jwks';
import { createAccounts, type AccountsHarness } from './setup';

const options = { issuer: 'test-issuer', audience: 'test-audience', accessTokenTtlSeconds: 120 };

let accounts: AccountsHarness;
let running: RunningSubgraph;
beforeAll(async () => {
  accounts = await createAccounts(options);
  running = await serveSubgraph({
    ...accounts,
    port: 0,
    host: '127.0.0.1',
    // These tests fetch the JWKS only, which needs no identity.
    verifier: createIdentityVerifier({ router: 'http://127.0.0.1:1/.well-known/jwks.json' }),
    logger: createLogger('accounts-test', 'silent'),
  });
});
afterAll(async () => {
  await running.stop();
  running.httpServer.close();
  await accounts.stop();
});

async function fetchJwks(): Promise<JSONWebKeySet> {
  const response = await fetch(`http://127.0.0.1:${running.port}${JWKS_PATH}`);
  expect(response.status).toBe(200);
  return (await response.json()) as JSONWebKeySet;
}

async function newSession() {
  const email = `jwks-${Date.now()}-${Math.random()}@example.com`;
  return accounts.auth.signUp({ email, password: 'jwks password', name: 'Jay Wks' });
}

describe('JWKS', () => {
  it('publishes an ES256 public key that verifies issued access tokens', async () => {
    const session = await newSession();
    const jwks = await fetchJwks();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');

    const { payload, protectedHeader } = await jwtVerify(session.accessToken, createLocalJWKSet(jwks), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256'],
    });
    expect(protectedHeader.kid).toBe(jwks.keys[0]?.kid);
    expect(payload.sub).toBe(session.user.id);
    expect(payload.roles).toEqual(['customer']);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(options.accessTokenTtlSeconds);
  });

  it('does not verify a token for another audience, even signed with the real key', async () => {
    const session = await newSession();
    const key = await accounts.signingKeys.active();
    const foreign = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(options.issuer)
      .setAudience('someone-else')
      .setSubject(session.user.id)
      .setExpirationTime('1m')
      .sign(key.privateKey);
    await expect(
      jwtVerify(foreign, createLocalJWKSet(await fetchJwks()), { issuer: options.issuer, audience: options.audience }),
    ).rejects.toThrow(/aud/);
  });
});

describe('signing keys', () => {
  it('keeps one key across restarts and concurrent starts', async () => {
    const first = await accounts.signingKeys.active();
    const others = [1, 2, 3].map(() => createAccountsService({ ...options, databaseUrl: accounts.database.url }));
    try {
      const keys = await Promise.all(others.map((service) => service.signingKeys.active()));
      expect(keys.map((k) => k.kid)).toEqual([first.kid, first.kid, first.kid]);
    } finally {
      await Promise.all(others.map((service) => service.close()));
    }
  });

  it('lets concurrent first starts on an empty database agree on a single key', async () => {
    const fresh = await createAccounts(options);
    const services = [1, 2, 3, 4].map(() => createAccountsService({ ...options, databaseUrl: fresh.database.url }));
    try {
      const keys = await Promise.all(services.map((service) => service.signingKeys.active()));
      expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
      const { rows } = await fresh.db.pool.query<{ count: number }>('select count(*)::int as count from signing_keys');
      expect(rows[0]?.count).toBe(1);
      const token = await services[0]?.accessTokens.sign({ id: 'someone', roles: [] }, 'session-1');
      expect(decodeProtectedHeader(token ?? '').kid).toBe(keys[0]?.kid);
    } finally {
      await Promise.all(services.map((service) => service.close()));
      await fresh.stop();
    }
  });
});
