import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { connectAccountsDb, MIGRATIONS_FOLDER, type AccountsDb } from '../src/db';
import { runSeed } from '../src/seed';
import { UserRepository } from '../src/user.repository';

let database: TestDatabase;
let db: AccountsDb;
let users: UserRepository;

beforeAll(async () => {
  database = await createTestDatabase('accounts_seed_entry', MIGRATIONS_FOLDER);
  db = connectAccountsDb(database.url);
  users = new UserRepository(db.db);
});
afterAll(async () => {
  await db.close();
  await database.drop();
});
afterEach(() => jest.restoreAllMocks());

describe('the seed entry', () => {
  it('creates no user when SEED_DEMO_DATA is unset, and says demo data is off', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await runSeed({ DATABASE_URL: database.url });
    expect(await users.count()).toBe(0);
    expect(log).toHaveBeenCalledWith('accounts: demo data is off (SEED_DEMO_DATA=true adds it)');
  });

  it('creates no user when SEED_DEMO_DATA is false', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await runSeed({ DATABASE_URL: database.url, SEED_DEMO_DATA: 'false' });
    expect(await users.count()).toBe(0);
  });

  it('refuses a SEED_DEMO_DATA that is neither true nor false, naming it', async () => {
    await expect(runSeed({ DATABASE_URL: database.url, SEED_DEMO_DATA: 'yes' })).rejects.toThrow(/SEED_DEMO_DATA/);
    expect(await users.count()).toBe(0);
  });

  it('adds the demo users when SEED_DEMO_DATA is true', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await runSeed({ DATABASE_URL: database.url, SEED_DEMO_DATA: 'true' });
    expect(await users.count()).toBe(52);
  });
});
