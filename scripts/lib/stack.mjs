// What `npm start` and `npm run seed` share: where the data lives, which
// PostgreSQL to use, and the environment each service process gets.
import { fork } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { signingKeyJson } from './signing-key.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DATA_DIR = path.join(ROOT, '.data');

/** The subgraphs in start order, with their port and store. */
export const SUBGRAPHS = [
  { name: 'accounts', port: 4001, database: 'agora_accounts' },
  { name: 'catalog', port: 4002, database: null },
  { name: 'inventory', port: 4003, database: 'agora_inventory' },
  { name: 'reviews', port: 4004, database: 'agora_reviews' },
  { name: 'cart', port: 4005, database: 'agora_cart' },
  { name: 'orders', port: 4006, database: 'agora_orders' },
  { name: 'payments', port: 4007, database: 'agora_payments' },
  { name: 'search', port: 4008, database: 'agora_search' },
  { name: 'recommendations', port: 4009, database: 'agora_recommendations' },
  { name: 'notifications', port: 4010, database: 'agora_notifications' },
];
export const ROUTER_PORT = 4000;
/** The database of the Postgres-backed event queue (pg-boss) all services share when AMQP_URL is not set. */
export const EVENTS_DATABASE = 'agora_events';

export function log(message) {
  console.log(`agora | ${message}`);
}

/** DATABASE_URL's server, or an embedded PostgreSQL under .data/postgres. */
export async function postgresServer() {
  if (process.env.DATABASE_URL) {
    log('using the PostgreSQL server in DATABASE_URL');
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  log(`starting an embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
  return embeddedPostgres(path.join(DATA_DIR, 'postgres'), port);
}

/**
 * Runs the embedded PostgreSQL in a detached process (postgres-host.mjs, its own process
 * group), so Ctrl-C reaches the services and this script but not the database: the
 * services stop first, then `stop` asks the host to stop PostgreSQL.
 */
function embeddedPostgres(dataDir, port) {
  const host = fork(path.join(import.meta.dirname, 'postgres-host.mjs'), [], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, EMBEDDED_POSTGRES_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) },
  });
  const exited = new Promise((resolve) => host.once('exit', resolve));
  return new Promise((resolve, reject) => {
    host.on('message', (message) => {
      if (message.log) log(message.log);
      if (message.error) reject(new Error(`embedded PostgreSQL: ${message.error}`));
      if (message.url) {
        resolve({
          url: message.url,
          stop: async () => {
            if (host.connected) host.send('stop');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`embedded PostgreSQL stopped while starting (exit code ${code})`)));
  });
}

export function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the events database and each subgraph's own database unless they exist. */
export async function createDatabases(serverUrl) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const database of [EVENTS_DATABASE, ...SUBGRAPHS.map((s) => s.database)]) {
      if (!database) continue;
      const found = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rowCount === 0) {
        await client.query(`create database ${database}`);
        log(`created database ${database}`);
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * The router's private key for `npm start` (ROUTER_SIGNING_KEY): the variable when set,
 * else one EC P-256 JWK made once in .data/router-signing-key.json, so another local
 * router (`npm run bench:protections`) signs identities the running subgraphs trust.
 */
export async function routerSigningKey() {
  if (process.env.ROUTER_SIGNING_KEY) return process.env.ROUTER_SIGNING_KEY;
  const file = path.join(DATA_DIR, 'router-signing-key.json');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const jwk = signingKeyJson();
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, jwk, { mode: 0o600 });
  log('made the router signing key in .data/router-signing-key.json');
  return jwk;
}

/** No load balancer runs in front of `npm start`: Ctrl-C stops at once unless told otherwise. */
export const LOCAL_SHUTDOWN_GRACE_MS = process.env.SHUTDOWN_GRACE_MS ?? '0';

/** The environment of one subgraph process. */
// Signing keys: each signer (the router, each calling service) generates one at start
// (outside production) and publishes it at /.well-known/jwks.json; each subgraph's
// TRUSTED_SIGNERS default names the router and its callers at these ports.
export function subgraphEnv(subgraph, { serverUrl }) {
  return {
    ...process.env,
    PORT: String(subgraph.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    SHUTDOWN_GRACE_MS: LOCAL_SHUTDOWN_GRACE_MS,
    ...(subgraph.database ? { DATABASE_URL: databaseUrl(serverUrl, subgraph.database) } : {}),
    EVENTS_DATABASE_URL: databaseUrl(serverUrl, EVENTS_DATABASE),
    ...(subgraph.name === 'catalog'
      ? { CATALOG_DATA_DIR: process.env.CATALOG_DATA_DIR ?? path.join(DATA_DIR, 'catalog') }
      : {}),
    // Every subgraph may call any other directly: CATALOG_URL, INVENTORY_URL, …
    ...Object.fromEntries(
      SUBGRAPHS.map((other) => [`${other.name.toUpperCase()}_URL`, `http://127.0.0.1:${other.port}/graphql`]),
    ),
  };
}
