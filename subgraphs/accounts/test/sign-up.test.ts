import { errorCodes, execute } from '@agora/testing';
import { UserRepository } from '../src/user.repository';
import { SIGN_UP, signUp, startAccounts, uniqueEmail, type AccountsHarness } from './setup';

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await startAccounts();
});
afterAll(() => accounts.stop());

async function userCount(): Promise<number> {
  return new UserRepository(accounts.db.db).count();
}

describe('signUp', () => {
  it('creates a customer, answers tokens and lets the new user read their own e-mail', async () => {
    const email = uniqueEmail('New.Person');
    const payload = await signUp(accounts, { email: `  ${email} `, name: '  Nia New  ' });
    expect(payload.user).toMatchObject({ email, name: 'Nia New', roles: ['customer'] });
    expect(new Date(payload.user.createdAt).toISOString()).toBe(payload.user.createdAt);
    expect(payload.accessToken.split('.')).toHaveLength(3);
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores an argon2id hash, never the password', async () => {
    const payload = await signUp(accounts, { password: 'a secret password' });
    const { rows } = await accounts.db.pool.query<{ password_hash: string }>(
      'select password_hash from users where id = $1',
      [payload.user.id],
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.password_hash).not.toContain('a secret password');
  });

  it('stores refresh tokens hashed only', async () => {
    const payload = await signUp(accounts);
    const { rows } = await accounts.db.pool.query<{ token_hash: string }>(
      'select token_hash from refresh_tokens where user_id = $1',
      [payload.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toBe(payload.refreshToken);
  });

  it.each([
    ['a malformed e-mail', { email: 'not-an-email' }, 'input.email'],
    ['an e-mail longer than 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'input.email'],
    ['a password shorter than 8 characters', { password: 'short' }, 'input.password'],
    ['a password longer than 128 characters', { password: 'p'.repeat(129) }, 'input.password'],
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a name longer than 100 characters', { name: 'n'.repeat(101) }, 'input.name'],
  ])('refuses %s with BAD_USER_INPUT naming the field and writes nothing', async (_label, override, field) => {
    const before = await userCount();
    const input = { email: uniqueEmail('invalid'), password: 'long enough', name: 'Valid Name', ...override };
    const result = await execute(accounts.server, accounts.context(), SIGN_UP, { input });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await userCount()).toBe(before);
  });

  it('refuses an e-mail already taken in another case with CONFLICT and writes nothing', async () => {
    const email = uniqueEmail('taken');
    await signUp(accounts, { email });
    const before = await userCount();
    const tokensBefore = await accounts.db.pool.query('select 1 from refresh_tokens');
    const result = await execute(accounts.server, accounts.context(), SIGN_UP, {
      input: { email: email.toUpperCase(), password: 'another password', name: 'Copycat' },
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await userCount()).toBe(before);
    const tokensAfter = await accounts.db.pool.query('select 1 from refresh_tokens');
    expect(tokensAfter.rowCount).toBe(tokensBefore.rowCount);
  });

  it('lets exactly one of two simultaneous sign-ups with the same e-mail win', async () => {
    const email = uniqueEmail('race');
    const input = (name: string) => ({ input: { email, password: 'race password', name } });
    const results = await Promise.all([
      execute(accounts.server, accounts.context(), SIGN_UP, input('First')),
      execute(accounts.server, accounts.context(), SIGN_UP, input('Second')),
    ]);
    expect(results.flatMap((r) => errorCodes(r))).toEqual(['CONFLICT']);
    expect(results.filter((r) => r.data?.signUp)).toHaveLength(1);
    const { rowCount } = await accounts.db.pool.query('select 1 from users where lower(email) = lower($1)', [email]);
    expect(rowCount).toBe(1);
  });

  it('keeps e-mails unique in any case in the database itself', async () => {
    const email = uniqueEmail('db');
    await signUp(accounts, { email });
    await expect(
      accounts.db.pool.query(`insert into users (email, name, password_hash) values ($1, 'x', 'x')`, [
        email.toUpperCase(),
      ]),
    ).rejects.toThrow(/users_email_lower_unique/);
  });
});
