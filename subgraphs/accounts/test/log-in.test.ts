import { errorCodes, execute } from '@agora/testing';
import { argon2id } from '../src/passwords';
import { callerOf, LOG_IN, ME, signUp, startAccounts, uniqueEmail, type AccountsHarness } from './setup';

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await startAccounts();
});
afterAll(() => accounts.stop());
afterEach(() => jest.restoreAllMocks());

function logIn(email: string, password: string) {
  return execute(accounts.server, accounts.context(), LOG_IN, { input: { email, password } });
}

describe('logIn', () => {
  it('signs in with the e-mail in any case and answers a fresh session', async () => {
    const email = uniqueEmail('Mixed.Case');
    const signedUp = await signUp(accounts, { email });
    const result = await logIn(`  ${email.toUpperCase()}  `, signedUp.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.logIn.user).toEqual(signedUp.user);
    expect(result.data?.logIn.refreshToken).not.toBe(signedUp.refreshToken);
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const signedUp = await signUp(accounts);
    const result = await logIn(signedUp.user.email, 'not the password');
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0]?.message).toBe('Invalid email or password.');
    expect(result.data).toBeNull();
  });

  it('answers an unknown e-mail exactly like a wrong password, after spending a password verification', async () => {
    const verify = jest.spyOn(argon2id, 'verify');
    const result = await logIn(uniqueEmail('nobody'), 'whatever password');
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0]?.message).toBe('Invalid email or password.');
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('refuses an empty password with BAD_USER_INPUT', async () => {
    const result = await logIn(uniqueEmail('empty'), '');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^input\.password: /);
  });
});

describe('me', () => {
  it('answers the signed-in user', async () => {
    const signedUp = await signUp(accounts, { name: 'Mona Me' });
    const result = await execute(accounts.server, accounts.context(callerOf(signedUp)), ME);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual(signedUp.user);
  });

  it('refuses a request without a caller with UNAUTHENTICATED', async () => {
    const result = await execute(accounts.server, accounts.context(null), ME);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?.me).toBeNull();
  });

  it('answers null for a caller whose account no longer exists', async () => {
    const signedUp = await signUp(accounts);
    await accounts.db.pool.query('delete from users where id = $1', [signedUp.user.id]);
    const result = await execute(accounts.server, accounts.context(callerOf(signedUp)), ME);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toBeNull();
  });
});
