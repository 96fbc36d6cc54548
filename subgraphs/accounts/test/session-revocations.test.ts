import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { errorCodes, execute } from '@agora/testing';
import { decodeJwt } from 'jose';
import { callerOf, LOG_OUT, REFRESH, signUp, startAccounts, type AccountsHarness, type AuthPayload } from './setup';

const REVOCATIONS = `query ($since: String!) { sessionRevocations(since: $since) { sessionIds nextSince } }`;
const ROUTER = serviceCaller('router');

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await startAccounts();
});
afterAll(() => accounts.stop());

function sidOf(payload: Pick<AuthPayload, 'accessToken'>): unknown {
  return decodeJwt(payload.accessToken).sid;
}

async function refresh(token: string): Promise<AuthPayload> {
  const result = await execute(accounts.server, accounts.context(), REFRESH, { token });
  if (!result.data) throw new Error(`refresh failed: ${JSON.stringify(result.errors)}`);
  return result.data.refreshToken as AuthPayload;
}

function revocations(since: string, caller: Caller | null = ROUTER) {
  return execute(accounts.server, accounts.context(caller), REVOCATIONS, { since });
}

async function revokedSince(since: Date): Promise<string[]> {
  const result = await revocations(since.toISOString());
  expect(result.errors).toBeUndefined();
  return result.data?.sessionRevocations.sessionIds as string[];
}

describe('the session id of access tokens', () => {
  it('is the log-in session: kept across refreshes, new for each log-in', async () => {
    const session = await signUp(accounts);
    const refreshed = await refresh(session.refreshToken);
    const otherLogIn = await accounts.auth.logIn({ email: session.user.email, password: session.password });

    expect(sidOf(session)).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(sidOf(refreshed)).toBe(sidOf(session));
    expect(sidOf(otherLogIn)).not.toBe(sidOf(session));
    const { rows } = await accounts.db.pool.query<{ family_id: string }>(
      'select distinct family_id from refresh_tokens where user_id = $1',
      [session.user.id],
    );
    expect(rows.map((row) => row.family_id).sort()).toEqual([sidOf(session), sidOf(otherLogIn)].sort());
  });
});

describe('sessionRevocations', () => {
  it('lists a logged-out session and a family revoked on reuse, not live or merely refreshed ones', async () => {
    const since = new Date(Date.now() - 1_000);
    const loggedOut = await signUp(accounts);
    const reused = await signUp(accounts);
    const refreshedOnly = await signUp(accounts);
    const live = await signUp(accounts);

    await execute(accounts.server, accounts.context(), LOG_OUT, { token: loggedOut.refreshToken });
    await refresh(reused.refreshToken);
    await execute(accounts.server, accounts.context(), REFRESH, { token: reused.refreshToken });
    await refresh(refreshedOnly.refreshToken);

    const revoked = await revokedSince(since);
    expect(revoked).toEqual(expect.arrayContaining([sidOf(loggedOut), sidOf(reused)]));
    expect(revoked).not.toContain(sidOf(refreshedOnly));
    expect(revoked).not.toContain(sidOf(live));
    expect(revoked.filter((sid) => sid === sidOf(reused))).toHaveLength(1);
  });

  it('leaves out revocations before `since`, and answers a nextSince behind its own clock', async () => {
    const old = await signUp(accounts);
    await execute(accounts.server, accounts.context(), LOG_OUT, { token: old.refreshToken });

    const result = await revocations(new Date(Date.now() + 60_000).toISOString());
    expect(result.data?.sessionRevocations.sessionIds).toEqual([]);
    const nextSince = new Date(result.data?.sessionRevocations.nextSince as string);
    expect(nextSince.getTime()).toBeLessThan(Date.now());
    expect(await revokedSince(nextSince)).toContain(sidOf(old));
  });

  it.each<[string, Caller | null, string]>([
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
    ['a user', { userId: 'user-1', roles: ['customer'] }, 'UNAUTHENTICATED'],
    ['an admin', { userId: 'admin-1', roles: ['customer', 'admin'] }, 'UNAUTHENTICATED'],
    ['another service', serviceCaller('orders'), 'FORBIDDEN'],
  ])('refuses %s', async (_label, caller, code) => {
    const result = await revocations(new Date().toISOString(), caller);
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual([code]);
  });

  it('refuses a `since` that is not an ISO-8601 time, naming the argument', async () => {
    const result = await revocations('yesterday');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/since/);
  });

  it('lets a user whose session is listed keep their other sessions', async () => {
    const session = await signUp(accounts);
    const other = await accounts.auth.logIn({ email: session.user.email, password: session.password });
    const since = new Date(Date.now() - 1_000);
    await execute(accounts.server, accounts.context(callerOf(session)), LOG_OUT, { token: session.refreshToken });

    const revoked = await revokedSince(since);
    expect(revoked).toContain(sidOf(session));
    expect(revoked).not.toContain(sidOf(other));
  });
});
