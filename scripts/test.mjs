// `npm test`: runs jest against a real PostgreSQL — the one DATABASE_URL names, or
// an embedded server under .data/test-postgres when none is set.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { startEmbeddedPostgres } from './lib/embedded-postgres.mjs';

async function assertReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    console.error(`DATABASE_URL is set but PostgreSQL does not answer there: ${error.message}`);
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
}

let embedded;
if (process.env.DATABASE_URL) {
  await assertReachable(process.env.DATABASE_URL);
} else {
  console.log('DATABASE_URL is not set: starting an embedded PostgreSQL for the tests');
  embedded = await startEmbeddedPostgres({ dataDir: '.data/test-postgres', port: 54339, log: console.log });
  process.env.DATABASE_URL = embedded.url;
}

const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', ...process.argv.slice(2)], { stdio: 'inherit' });
const code = await new Promise((resolve) => jest.on('close', (status) => resolve(status ?? 1)));
await embedded?.stop();
process.exit(code);
