import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, ensureDatabase, runMigrations } from '@agora/postgres';

/** The PostgreSQL server tests run against; `npm test` always sets it. */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: run the tests with `npm test`, which starts or finds a PostgreSQL server.',
    );
  }
  return url;
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(prefix: string, migrationsFolder?: string): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `test_${prefix}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(server, name);
  const url = databaseUrl(server, name);
  if (migrationsFolder) await runMigrations(url, migrationsFolder);
  return { url, drop: () => dropDatabase(server, name) };
}
