import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { demoUsers } from '@agora/demo-data';
import { loadSeedConfig } from './config';
import { connectAccountsDb } from './db';
import { hashPassword } from './passwords';
import { UserRepository, type NewUser } from './user.repository';

/**
 * Adds the demo users that do not exist yet, with their fixed ids (other subgraphs'
 * demo data points at them). Idempotent. Each distinct password is hashed once:
 * argon2 is slow by design and 50 reviewers share one password.
 */
export async function seedDemoUsers(users: UserRepository): Promise<number> {
  const demo = demoUsers();
  const passwords = [...new Set(demo.map((user) => user.password))];
  const hashes = new Map(
    await Promise.all(passwords.map(async (password) => [password, await hashPassword(password)] as const)),
  );
  const rows = demo.map((user): NewUser => {
    const passwordHash = hashes.get(user.password);
    if (!passwordHash) throw new Error(`no hash for ${user.email}`);
    return { id: user.id, email: user.email, name: user.name, roles: user.roles, passwordHash };
  });
  return users.insertMissing(rows);
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo users
 * only when SEED_DEMO_DATA=true, else logs that demo data is off (`env` for tests;
 * process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('accounts', config, async () => {
    const db = connectAccountsDb(config.DATABASE_URL);
    try {
      const added = await seedDemoUsers(new UserRepository(db.db));
      console.log(`accounts: ${added} demo users added`);
    } finally {
      await db.close();
    }
  });
}

// Run as a script (`npm run seed`); tests import seedDemoUsers without seeding.
if (require.main === module) runScript(() => runSeed());
