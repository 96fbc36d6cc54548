// `npm run compose:secrets`: the files docker-compose.yml hands to the containers as
// secrets, under .secrets/ (gitignored). A file that exists is kept, so running it again
// changes nothing; delete .secrets/ (and the postgres-data volume) to start over.
//   .secrets/<signer>_signing_key.json    the private key (EC P-256 JWK) the router and each calling
//                                         service sign identities with; one per signer
//   .secrets/postgres_password            the PostgreSQL superuser's password
//   .secrets/<subgraph>_database_url      each PostgreSQL subgraph's own role and database
//   .secrets/rabbitmq.conf, amqp_url      RabbitMQ's user, and the URL the services use
//   .secrets/mongodb_root_password        MongoDB's root user's password
//   .secrets/catalog_mongodb_url          the catalog's own MongoDB user (readWrite on agora_catalog)
// The folder is private to you (0700); the files are world-readable (0644) because compose
// bind-mounts them as they are and the containers read them as other users.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signingKeyJson } from './lib/signing-key.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRETS = path.join(ROOT, '.secrets');
/** The subgraphs that own a PostgreSQL database (catalog uses MongoDB). */
const POSTGRES_SUBGRAPHS = [
  'accounts',
  'inventory',
  'reviews',
  'cart',
  'orders',
  'payments',
  'search',
  'recommendations',
  'notifications',
];
const RABBITMQ_USER = 'agora';
/** Who signs identities: the router, and each service that calls another (as itself). */
const SIGNERS = ['router', 'cart', 'inventory', 'notifications', 'orders', 'reviews'];

/** A random password, URL-safe so it can sit in a connection URL unescaped. */
const password = () => randomBytes(24).toString('hex');

/** Writes `.secrets/<name>` unless it exists; answers its content. */
function secret(name, content) {
  const file = path.join(SECRETS, name);
  if (!existsSync(file)) {
    writeFileSync(file, `${content}\n`, { mode: 0o644 });
    console.log(`created .secrets/${name}`);
  }
  return readFileSync(file, 'utf8').trim();
}

mkdirSync(SECRETS, { recursive: true });
chmodSync(SECRETS, 0o700);
for (const name of SIGNERS) secret(`${name}_signing_key.json`, signingKeyJson());
secret('postgres_password', password());
for (const name of POSTGRES_SUBGRAPHS) {
  secret(`${name}_database_url`, `postgres://${name}:${password()}@postgres:5432/agora_${name}`);
}
const rabbitmq = secret('rabbitmq.conf', `default_user = ${RABBITMQ_USER}\ndefault_pass = ${password()}`);
const rabbitmqPassword = /^default_pass = (\S+)$/m.exec(rabbitmq)?.[1];
if (!rabbitmqPassword) throw new Error('.secrets/rabbitmq.conf has no default_pass line');
secret('amqp_url', `amqp://${RABBITMQ_USER}:${rabbitmqPassword}@rabbitmq:5672`);
secret('mongodb_root_password', password());
secret('catalog_mongodb_url', `mongodb://catalog:${password()}@mongodb:27017/?authSource=agora_catalog`);
