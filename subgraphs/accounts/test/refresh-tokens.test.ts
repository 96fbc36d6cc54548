import { errorCodes, execute } from '@agora/testing';
import { hashRefreshToken } from '../src/tokens';
import { LOG_OUT, REFRESH, signUp, startAccounts, type AccountsHarness } from './setup';

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await startAccounts();
});
afterAll(() => accounts.stop());

function refresh(token: string) {
  return execute(accounts.server, accounts.context(), REFRESH, { token });
}

function logOut(token: string) {
  return execute(accounts.server, accounts.context(), LOG_OUT, { token });
}

describe('refreshToken', () => {
  it('rotates: answers a new refresh token and access token, and the old refresh token stops working', async () => {
    const session = await signUp(accounts);
    const rotated = await refresh(session.refreshToken);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data?.refreshToken;
    expect(next?.user).toEqual(session.user);
    expect(next?.refreshToken).not.toBe(session.refreshToken);
    expect(next?.accessToken).toEqual(expect.any(String));

    const { rows } = await accounts.db.pool.query<{ revoked_at: Date | null; replaced_by_id: string | null }>(
      'select revoked_at, replaced_by_id from refresh_tokens where token_hash = $1',
      [hashRefreshToken(session.refreshToken)],
    );
    expect(rows[0]?.revoked_at).toBeInstanceOf(Date);
    expect(rows[0]?.replaced_by_id).toEqual(expect.any(String));

    const again = await refresh(session.refreshToken);
    expect(errorCodes(again)).toEqual(['UNAUTHENTICATED']);
  });

  it('revokes the whole family when a rotated token is presented again, newest token included', async () => {
    const session = await signUp(accounts);
    const second = (await refresh(session.refreshToken)).data?.refreshToken.refreshToken ?? '';
    const third = (await refresh(second)).data?.refreshToken.refreshToken ?? '';

    const reuse = await refresh(session.refreshToken);
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);

    expect(errorCodes(await refresh(third))).toEqual(['UNAUTHENTICATED']);
    const { rows } = await accounts.db.pool.query<{ live: number }>(
      'select count(*)::int as live from refresh_tokens where user_id = $1 and revoked_at is null',
      [session.user.id],
    );
    expect(rows[0]?.live).toBe(0);
  });

  it("leaves the user's other log-ins alone when one family is revoked", async () => {
    const session = await signUp(accounts);
    const otherLogIn = await accounts.auth.logIn({ email: session.user.email, password: session.password });
    await refresh(session.refreshToken);
    await refresh(session.refreshToken); // reuse: revokes the first family only
    const other = await refresh(otherLogIn.refreshToken);
    expect(other.errors).toBeUndefined();
  });

  it('rotates a token presented twice at once only once', async () => {
    const session = await signUp(accounts);
    const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    const succeeded = results.filter((r) => r.errors === undefined);
    expect(succeeded).toHaveLength(1);
    expect(results.flatMap((r) => errorCodes(r))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    const session = await signUp(accounts);
    await accounts.db.pool.query(
      `update refresh_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [session.user.id],
    );
    const result = await refresh(session.refreshToken);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a token it never issued', async () => {
    expect(errorCodes(await refresh('made-up-token'))).toEqual(['UNAUTHENTICATED']);
  });

  it('stores new tokens to expire in 30 days', async () => {
    const session = await signUp(accounts);
    const { rows } = await accounts.db.pool.query<{ days: number }>(
      `select round(extract(epoch from expires_at - created_at) / 86400)::int as days
         from refresh_tokens where token_hash = $1`,
      [hashRefreshToken(session.refreshToken)],
    );
    expect(rows[0]?.days).toBe(30);
  });
});

describe('logOut', () => {
  it('revokes the family: neither the token nor its successors refresh any more', async () => {
    const session = await signUp(accounts);
    const next = (await refresh(session.refreshToken)).data?.refreshToken.refreshToken ?? '';
    const result = await logOut(next);
    expect(result.errors).toBeUndefined();
    expect(result.data?.logOut).toBe(true);
    const refused = await refresh(next);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors?.[0]?.message).toBe(
      'The refresh token was revoked (logged out, or its session ended); log in again.',
    );
  });

  it('is idempotent: an already revoked or unknown token still answers true', async () => {
    const session = await signUp(accounts);
    expect((await logOut(session.refreshToken)).data?.logOut).toBe(true);
    expect((await logOut(session.refreshToken)).data?.logOut).toBe(true);
    expect((await logOut('never-issued')).data?.logOut).toBe(true);
  });
});
