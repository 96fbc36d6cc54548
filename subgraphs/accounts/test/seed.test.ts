import { DEMO_ADMIN, DEMO_CUSTOMER, REVIEWER_PASSWORD, reviewers } from '@agora/demo-data';
import { argon2id } from '../src/passwords';
import { seedDemoUsers } from '../src/seed';
import { UserRepository } from '../src/user.repository';
import { createAccounts, type AccountsHarness } from './setup';

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await createAccounts();
});
afterAll(() => accounts.stop());
afterEach(() => jest.restoreAllMocks());

describe('seedDemoUsers', () => {
  it('adds the 52 demo users once, keeps their ids and hashes each distinct password once', async () => {
    const users = new UserRepository(accounts.db.db);
    const hash = jest.spyOn(argon2id, 'hash');
    expect(await seedDemoUsers(users)).toBe(52);
    expect(hash).toHaveBeenCalledTimes(3);
    expect(await seedDemoUsers(users)).toBe(0);
    expect(await users.count()).toBe(52);

    const [admin, customer] = await Promise.all([users.byId(DEMO_ADMIN.id), users.byId(DEMO_CUSTOMER.id)]);
    expect(admin).toMatchObject({ email: 'admin@agora.dev', roles: ['customer', 'admin'] });
    expect(customer).toMatchObject({ email: 'customer@agora.dev', roles: ['customer'] });
  });

  it('seeds passwords the demo users can log in with', async () => {
    await seedDemoUsers(new UserRepository(accounts.db.db));
    const shopper = reviewers()[7];
    if (!shopper) throw new Error('no demo reviewer');
    const session = await accounts.auth.logIn({ email: shopper.email, password: REVIEWER_PASSWORD });
    expect(session.user.id).toBe(shopper.id);
    const admin = await accounts.auth.logIn({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
    expect(admin.user.roles).toEqual(['customer', 'admin']);
  });
});
