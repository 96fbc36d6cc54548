import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { captureLog, scrapeMetrics, startSubgraphs, type StartedSubgraphs, waitFor } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, post, startRouter, tempDir } from './helpers';

const ACCOUNTS_SDL = path.resolve(__dirname, '..', '..', 'subgraphs', 'accounts', 'src', 'schema.graphql');
const POLL_FAILURES = 'agora_router_session_revocation_poll_failures_total';
const WARN = 40;

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { email } } }';
const LOG_IN = 'mutation ($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }';
const REFRESH = 'mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken } }';
const LOG_OUT = 'mutation ($token: String!) { logOut(refreshToken: $token) }';
const ME = '{ me { id } }';
const PASSWORD = 'correct horse battery';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('access tokens of revoked sessions at the router', () => {
  const routerLog = captureLog('router');
  let started: StartedSubgraphs<'accounts'>;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let counter = 0;

  beforeAll(async () => {
    started = await startSubgraphs(['accounts'], {
      prefix: 'router_revocation',
      env: { accounts: { SIGNUPS_PER_ADDRESS_PER_HOUR: '100000' } },
    });
    const accounts = started.subgraphs.accounts.running;
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    const sdl = await readFile(ACCOUNTS_SDL, 'utf8');
    await writeFile(supergraphPath, await composeInto(temp.dir, [{ name: 'accounts', url: accounts.url, sdl }]));
    router = await startRouter(
      supergraphPath,
      {
        // Accounts trusts the router key startSubgraphs made.
        ROUTER_SIGNING_KEY: JSON.stringify(started.signers.keys.router),
        ACCOUNTS_JWKS_URL: `http://127.0.0.1:${accounts.port}/.well-known/jwks.json`,
        SESSION_REVOCATION_POLL_MS: '100',
        RATE_LIMIT_REQUESTS: '0',
      },
      routerLog.logger,
    );
  });

  afterAll(async () => {
    await router?.stop();
    await started?.stop();
    await temp?.remove();
  });

  async function call(query: string, variables: Record<string, unknown> = {}, token?: string) {
    return post(router.url, query, {
      variables,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async function signUp(): Promise<Tokens & { email: string }> {
    counter += 1;
    const email = `revocation-${counter}-${Date.now()}@example.com`;
    const { body } = await call(SIGN_UP, { input: { email, password: PASSWORD, name: 'Rev' } });
    if (!body.data?.signUp) throw new Error(`sign-up failed: ${JSON.stringify(body.errors)}`);
    return { ...(body.data.signUp as Tokens), email };
  }

  async function logIn(email: string): Promise<Tokens> {
    const { body } = await call(LOG_IN, { input: { email, password: PASSWORD } });
    if (!body.data?.logIn) throw new Error(`log-in failed: ${JSON.stringify(body.errors)}`);
    return body.data.logIn as Tokens;
  }

  async function refresh(token: string): Promise<Tokens> {
    const { body } = await call(REFRESH, { token });
    if (!body.data?.refreshToken) throw new Error(`refresh failed: ${JSON.stringify(body.errors)}`);
    return body.data.refreshToken as Tokens;
  }

  /** Whether the router answers `me` for this access token (it throws on anything but OK or refused). */
  async function accepted(accessToken: string): Promise<boolean> {
    const response = await call(ME, {}, accessToken);
    if (response.status === 200 && response.body.data?.me?.id) return true;
    expect(response.status).toBe(401);
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(response.body.errors?.[0]?.message).toMatch(/the session was revoked/);
    return false;
  }

  const refused = async (accessToken: string) => !(await accepted(accessToken));

  it('refuses the access token of a session soon after log-out; another session of the user keeps working', async () => {
    const session = await signUp();
    const other = await logIn(session.email);
    expect(await accepted(session.accessToken)).toBe(true);

    expect((await call(LOG_OUT, { token: session.refreshToken })).body.data).toEqual({ logOut: true });

    await waitFor(() => refused(session.accessToken), { timeoutMs: 5_000 });
    expect(await accepted(other.accessToken)).toBe(true);
  });

  it('refuses every access token of a family revoked on refresh-token reuse', async () => {
    const session = await signUp();
    const other = await logIn(session.email);
    const rotated = await refresh(session.refreshToken);
    expect(await accepted(session.accessToken)).toBe(true);
    expect(await accepted(rotated.accessToken)).toBe(true);

    const reuse = await call(REFRESH, { token: session.refreshToken });
    expect(reuse.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    await waitFor(() => refused(rotated.accessToken), { timeoutMs: 5_000 });
    expect(await refused(session.accessToken)).toBe(true);
    expect(await accepted(other.accessToken)).toBe(true);
  });

  it('learns at start the sessions revoked before it started', async () => {
    const session = await signUp();
    await call(LOG_OUT, { token: session.refreshToken });
    const later = await startRouter(path.join(temp.dir, 'supergraph.graphql'), {
      ROUTER_SIGNING_KEY: JSON.stringify(started.signers.keys.router),
      ACCOUNTS_JWKS_URL: `http://127.0.0.1:${started.subgraphs.accounts.running.port}/.well-known/jwks.json`,
      SESSION_REVOCATION_POLL_MS: '100',
    });
    try {
      await waitFor(() => later.revocations.isRevoked(String(decodeJwt(session.accessToken).sid)), {
        timeoutMs: 5_000,
      });
      const response = await post(later.url, ME, { headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(response.status).toBe(401);
    } finally {
      await later.stop();
    }
  });

  it('keeps serving and refusing known sessions while accounts is down, counting the failed polls', async () => {
    const revoked = await signUp();
    await call(LOG_OUT, { token: revoked.refreshToken });
    await waitFor(() => refused(revoked.accessToken), { timeoutMs: 5_000 });
    const live = await signUp();
    const before = (await scrapeMetrics(router.url.replace('/graphql', '/metrics'))).sum(POLL_FAILURES);

    await started.subgraphs.accounts.running.stop();

    const failures = await waitFor(
      async () => {
        const count = (await scrapeMetrics(router.url.replace('/graphql', '/metrics'))).sum(POLL_FAILURES);
        return count - before >= 3 && count;
      },
      { timeoutMs: 10_000 },
    );
    expect(failures).toBeGreaterThanOrEqual(before + 3);
    const typename = await call('{ __typename }', {}, live.accessToken);
    expect(typename.status).toBe(200);
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    expect((await call('{ __typename }', {}, revoked.accessToken)).status).toBe(401);
    expect((await fetch(router.url.replace('/graphql', '/ready'))).status).toBe(200);
    const warnings = routerLog.atLeast(WARN).filter((line) => String(line.msg).includes('session revocations'));
    expect(warnings).toHaveLength(1);
  });
});
