import { runMigrations } from '@agora/postgres';
import { runScript } from '@agora/subgraph-kit';
import { loadDatabaseConfig } from './config';
import { MIGRATIONS_FOLDER } from './db';

runScript(() => runMigrations(loadDatabaseConfig().DATABASE_URL, MIGRATIONS_FOLDER));
