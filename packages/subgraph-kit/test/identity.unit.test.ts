import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, SignJWT, importJWK } from 'jose';
import { serviceCaller } from '../src/client';
import {
  createIdentitySigner,
  generateSigningJwk,
  publicJwkOf,
  type IdentitySigner,
  type SigningJwk,
} from '../src/identity-signer';
import { createIdentityVerifier, type IdentityVerifier } from '../src/identity-verifier';
import { trustedSignersEnv, trustedSignersSetting } from '../src/trusted-signers';

const refusal = (message: string) => ({ extensions: { code: 'UNAUTHENTICATED' }, message });

describe('identity tokens', () => {
  let router: IdentitySigner;
  let orders: IdentitySigner;
  let verifier: IdentityVerifier;

  beforeAll(async () => {
    router = await createIdentitySigner('router', await generateSigningJwk());
    orders = await createIdentitySigner('orders', await generateSigningJwk());
    verifier = createIdentityVerifier({
      router: createLocalJWKSet(router.jwks),
      orders: createLocalJWKSet(orders.jwks),
    });
  });

  it('carry a router-signed user, their roles and the client address', async () => {
    const token = await router.sign({
      caller: { userId: 'u-1', roles: ['customer', 'admin'] },
      clientAddress: '2001:db8::1',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      caller: { userId: 'u-1', roles: ['customer', 'admin'] },
      clientAddress: '2001:db8::1',
    });
  });

  it('carry an anonymous caller as a token without a subject', async () => {
    const token = await router.sign({ caller: null, clientAddress: '203.0.113.9' });
    await expect(verifier.verify(token)).resolves.toEqual({ caller: null, clientAddress: '203.0.113.9' });
  });

  it('name the key in the header, the signer as iss, and live 60 seconds', async () => {
    const token = await router.sign({ caller: null });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'ES256', kid: router.kid });
    expect(payload).toMatchObject({ iss: 'router', aud: 'agora-subgraphs' });
    expect(Number(payload?.exp) - Number(payload?.iat)).toBe(60);
  });

  it('make a service caller only from that service’s own key', async () => {
    const token = await orders.sign({ caller: serviceCaller('orders') });
    await expect(verifier.verify(token)).resolves.toEqual({
      caller: { userId: 'service:orders', roles: ['service'], service: 'orders' },
    });
  });

  it('never make a service of a router-signed token claiming the service role', async () => {
    const token = await router.sign({ caller: { userId: 'u-1', roles: ['service', 'customer'] } });
    const { caller } = await verifier.verify(token);
    expect(caller).toEqual({ userId: 'u-1', roles: ['customer'] });
    expect(caller?.service).toBeUndefined();
  });

  it('ignore the roles a service claims besides service, and any address it names', async () => {
    const token = await orders.sign({
      caller: { userId: 'u-1', roles: ['admin', 'service'] },
      clientAddress: '10.0.0.1',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      caller: { userId: 'u-1', roles: ['service'], service: 'orders' },
    });
  });

  it('refuse a request without a token', async () => {
    await expect(verifier.verify(undefined)).rejects.toMatchObject(refusal('The request carries no signed identity.'));
  });

  it('refuse a token whose iss is no trusted signer', async () => {
    const payments = await createIdentitySigner('payments', await generateSigningJwk());
    await expect(verifier.verify(await payments.sign({ caller: serviceCaller('payments') }))).rejects.toMatchObject(
      refusal('The caller identity is signed by no trusted signer.'),
    );
  });

  it('refuse a token signed with another key than its iss’s (a service minting a router identity)', async () => {
    const minted = await createIdentitySigner('router', await generateSigningJwk());
    await expect(
      verifier.verify(await minted.sign({ caller: { userId: 'u-1', roles: ['admin'] } })),
    ).rejects.toMatchObject(refusal('The caller identity could not be verified.'));
  });

  it('refuse an unsigned or malformed token', async () => {
    await expect(verifier.verify('{"userId":"u-1","roles":["admin"]}')).rejects.toMatchObject(
      refusal('The caller identity is not a signed token.'),
    );
  });

  it('refuse an expired token', async () => {
    const key = await generateSigningJwk();
    const expiring = createIdentityVerifier({ router: createLocalJWKSet({ keys: [publicJwkOf(key)] }) });
    const expired = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject('u-1')
      .setIssuer('router')
      .setAudience('agora-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(await importJWK(key, 'ES256'));
    await expect(expiring.verify(expired)).rejects.toMatchObject(refusal('The caller identity could not be verified.'));
  });
});

describe('key rotation by kid', () => {
  it('verifies a token of a new key by refetching the signer’s JWKS', async () => {
    const first = await generateSigningJwk();
    const second = await generateSigningJwk();
    let published: SigningJwk[] = [first];
    let fetches = 0;
    const jwks = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map(publicJwkOf) }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
      const verifier = createIdentityVerifier({ router: url }, { refetchCooldownMs: 0 });
      const before = await createIdentitySigner('router', first);
      await expect(verifier.verify(await before.sign({ caller: null }))).resolves.toEqual({ caller: null });
      expect(fetches).toBe(1);

      // The router restarts with a new key and still publishes the old one for tokens in flight.
      published = [second, first];
      const after = await createIdentitySigner('router', second, [publicJwkOf(first)]);
      expect(after.jwks.keys.map((key) => key.kid)).toEqual([second.kid, first.kid]);
      await expect(verifier.verify(await after.sign({ caller: { userId: 'u-2', roles: [] } }))).resolves.toEqual({
        caller: { userId: 'u-2', roles: [] },
      });
      expect(fetches).toBe(2);
      await expect(verifier.verify(await before.sign({ caller: null }))).resolves.toEqual({ caller: null });
      expect(fetches).toBe(2);
    } finally {
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    }
  });
});

describe('TRUSTED_SIGNERS', () => {
  it('reads name=jwksUrl pairs, and defaults to the router and the callers at their local ports', () => {
    expect(
      trustedSignersSetting.parse('router=http://router:4000/.well-known/jwks.json, orders=http://orders:4006/j'),
    ).toEqual({
      router: 'http://router:4000/.well-known/jwks.json',
      orders: 'http://orders:4006/j',
    });
    expect(trustedSignersEnv(['orders']).parse(undefined)).toEqual({
      router: 'http://127.0.0.1:4000/.well-known/jwks.json',
      orders: 'http://127.0.0.1:4006/.well-known/jwks.json',
    });
  });

  it('refuses an entry that is not name=url', () => {
    expect(trustedSignersSetting.safeParse('router').error?.issues[0]?.message).toBe('"router" is not name=jwksUrl');
    expect(trustedSignersSetting.safeParse('orders=not a url').success).toBe(false);
  });
});
