// `npm test`: runs jest against a real PostgreSQL — the one DATABASE_URL names, or
// an embedded server under .data/test-postgres when none is set. A run of the unit
// project alone (`npm test -- --selectProjects unit`) needs no database and starts none.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
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

/** The jest projects (jest.config.js) whose tests need no database. */
const WITHOUT_DATABASE = new Set(['unit']);
const PROJECTS = createRequire(import.meta.url)('../jest.config.js').projects.map((project) => project.displayName);

/**
 * The jest projects these arguments run: --selectProjects and --ignoreProjects take the
 * names that follow them up to the next option, or one name after `=`, as jest reads them.
 */
function selectedProjects(args) {
  const named = (option) => {
    const names = [];
    for (let i = 0; i < args.length; i += 1) {
      if (args[i].startsWith(`${option}=`)) names.push(args[i].slice(option.length + 1));
      if (args[i] !== option) continue;
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) names.push(args[(i += 1)]);
    }
    return names;
  };
  const selected = new Set(named('--selectProjects'));
  const ignored = new Set(named('--ignoreProjects'));
  return PROJECTS.filter((project) => (selected.size === 0 || selected.has(project)) && !ignored.has(project));
}

const args = process.argv.slice(2);
const needsDatabase = selectedProjects(args).some((project) => !WITHOUT_DATABASE.has(project));

let embedded;
if (needsDatabase && process.env.DATABASE_URL) {
  await assertReachable(process.env.DATABASE_URL);
} else if (needsDatabase) {
  console.log('DATABASE_URL is not set: starting an embedded PostgreSQL for the tests');
  embedded = await startEmbeddedPostgres({ dataDir: '.data/test-postgres', port: 54339, log: console.log });
  process.env.DATABASE_URL = embedded.url;
}

const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { stdio: 'inherit' });
const code = await new Promise((resolve) => jest.on('close', (status) => resolve(status ?? 1)));
await embedded?.stop();
process.exit(code);
