import { runMigrations } from '@agora/postgres';
import { loadDatabaseConfig } from './config';
import { MIGRATIONS_FOLDER } from './db';

runMigrations(loadDatabaseConfig().DATABASE_URL, MIGRATIONS_FOLDER).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
