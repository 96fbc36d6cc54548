import { bearer, startStack, type Stack } from './stack';

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id email name } } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { id } } }`;
const ME = `query { me { id email name } }`;
const REFRESH = `mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken user { id } } }`;
const LOG_OUT = `mutation ($token: String!) { logOut(refreshToken: $token) }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('sign-up, log-in, me, refresh, log-out through the router', () => {
  it('carries a new user from sign-up to log-out', async () => {
    const input = { email: 'Flow.User@Example.com', password: 'correct horse battery', name: 'Flow User' };
    const signedUp = await stack.request(SIGN_UP, { input });
    expect(signedUp.body.errors).toBeUndefined();
    const { user } = signedUp.body.data.signUp;
    expect(user).toMatchObject({ id: expect.any(String), name: 'Flow User' });

    const loggedIn = await stack.request(LOG_IN, {
      input: { email: 'flow.user@example.com', password: input.password },
    });
    expect(loggedIn.body.errors).toBeUndefined();
    const { accessToken, refreshToken } = loggedIn.body.data.logIn;

    const me = await stack.request(ME, {}, bearer(accessToken));
    expect(me.body.data.me).toEqual({ id: user.id, email: input.email, name: 'Flow User' });

    const refreshed = await stack.request(REFRESH, { token: refreshToken });
    expect(refreshed.body.errors).toBeUndefined();
    const next = refreshed.body.data.refreshToken;
    expect(next.refreshToken).not.toBe(refreshToken);
    const meAgain = await stack.request(ME, {}, bearer(next.accessToken));
    expect(meAgain.body.data.me.id).toBe(user.id);

    const loggedOut = await stack.request(LOG_OUT, { token: next.refreshToken });
    expect(loggedOut.body.data.logOut).toBe(true);
    const afterLogOut = await stack.request(REFRESH, { token: next.refreshToken });
    expect(afterLogOut.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses the old refresh token after it was rotated', async () => {
    const { refreshToken } = await stack.logIn('customer@agora.dev', 'agora-customer');
    await stack.request(REFRESH, { token: refreshToken });
    const reused = await stack.request(REFRESH, { token: refreshToken });
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers me without a token with UNAUTHENTICATED', async () => {
    const { body } = await stack.request(ME);
    expect(body.data?.me ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('log-in limits through the router', () => {
  it('locks an account after four wrong passwords: RATE_LIMITED with retryAfterSeconds, even for the right one', async () => {
    const input = { email: 'limited.user@example.com', password: 'correct horse battery', name: 'Limited User' };
    expect((await stack.request(SIGN_UP, { input })).body.errors).toBeUndefined();
    const codes: unknown[] = [];
    // The stack locks an account at its fourth failure (LOGIN_ACCOUNT_MAX_FAILURES=4), for 900 s.
    for (let i = 0; i < 4; i += 1) {
      const { body } = await stack.request(LOG_IN, { input: { email: input.email, password: 'not the password' } });
      codes.push(body.errors?.[0]?.extensions?.code);
    }
    const refused = await stack.request(LOG_IN, { input: { email: input.email, password: input.password } });

    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeNull();
    const extensions = refused.body.errors?.[0]?.extensions;
    expect(extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(extensions?.retryAfterSeconds).toBeGreaterThan(800);
  });
});
