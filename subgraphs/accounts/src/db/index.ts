import path from 'node:path';
import { connectPostgres, type Postgres } from '@agora/postgres';
import * as schema from './schema';

export { schema };
export type AccountsDb = Postgres<typeof schema>;

/** Committed drizzle migrations (resolved from src/ and dist/ alike). */
export const MIGRATIONS_FOLDER = path.join(__dirname, '..', '..', 'drizzle');

export function connectAccountsDb(url: string): AccountsDb {
  return connectPostgres(url, schema);
}
