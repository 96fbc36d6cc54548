import { SignJWT } from 'jose';
import { signClientAddress, signIdentity, verifyClientAddress, verifyIdentity } from '../src/identity';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('router-signed caller identity', () => {
  it('round-trips the user id and roles', async () => {
    const token = await signIdentity({ userId: 'u-1', roles: ['customer', 'admin'] }, secret);
    await expect(verifyIdentity(token, secret)).resolves.toEqual({ userId: 'u-1', roles: ['customer', 'admin'] });
  });

  it('treats a missing header as an anonymous caller', async () => {
    await expect(verifyIdentity(undefined, secret)).resolves.toBeNull();
  });

  it('refuses an identity signed with another secret', async () => {
    const forged = await signIdentity({ userId: 'u-1', roles: ['admin'] }, 'someone-elses-secret-of-sufficient-length');
    await expect(verifyIdentity(forged, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a hand-made header that is not a token', async () => {
    await expect(verifyIdentity('{"userId":"u-1","roles":["admin"]}', secret)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses an expired identity', async () => {
    const expired = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuer('agora-router')
      .setAudience('agora-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyIdentity(expired, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('router-signed client address', () => {
  it('round-trips the address, and is undefined without a header', async () => {
    await expect(verifyClientAddress(await signClientAddress('2001:db8::1', secret), secret)).resolves.toBe(
      '2001:db8::1',
    );
    await expect(verifyClientAddress(undefined, secret)).resolves.toBeUndefined();
  });

  it('refuses an address signed with another secret, or an identity passed off as one', async () => {
    const forged = await signClientAddress('203.0.113.9', 'someone-elses-secret-of-sufficient-length');
    await expect(verifyClientAddress(forged, secret)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const identity = await signIdentity({ userId: 'u-1', roles: [] }, secret);
    await expect(verifyClientAddress(identity, secret)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
