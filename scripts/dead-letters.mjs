// Events that could not be delivered, and putting them back.
//
// `npm run dead-letters -- list <consumer>` shows the events a consumer gave up on
// (after its retries), with the last error; `npm run dead-letters -- replay <consumer> [eventId…]`
// puts them (or only those) back on its queue. Consumers: search, recommendations, notifications.
// Uses RabbitMQ when AMQP_URL is set, else the Postgres queue: EVENTS_DATABASE_URL, or the
// events database of a running `npm start` (on DATABASE_URL's server or the embedded one).
//
// `npm run dead-letters -- outbox <orders|payments|catalog>` shows the events a producer's
// outbox relay parked because they can never be published as they are (an invalid envelope,
// content the transport refuses), with the reason; `npm run dead-letters -- outbox
// <orders|payments> replay [eventId…]` puts them (or only those) back in the relay's queue.
// The catalog's are listed from MongoDB (MONGODB_URL) or read from a snapshot of the
// in-process engine's files (CATALOG_DATA_DIR, default .data/catalog), never written: the
// running catalog owns them, and a product's next change publishes its current state anyway.
import path from 'node:path';
import { connectEvents, listParkedEvents, outbox, replayParkedEvents } from '../packages/events/dist/index.js';
import { connectPostgres } from '../packages/postgres/dist/index.js';
import { DATA_DIR, databaseUrl, EVENTS_DATABASE, SUBGRAPHS } from './lib/stack.mjs';

const USAGE = [
  'usage: npm run dead-letters -- list <consumer>',
  '       npm run dead-letters -- replay <consumer> [eventId…]',
  '       npm run dead-letters -- outbox <orders|payments|catalog>',
  '       npm run dead-letters -- outbox <orders|payments> replay [eventId…]',
].join('\n');
const POSTGRES_OUTBOXES = ['orders', 'payments'];

function refuse(message) {
  console.error(message);
  process.exit(2);
}

const server =
  process.env.DATABASE_URL ??
  `postgres://postgres:agora@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 54329}/postgres`;

async function consumerDeadLetters(command, consumer, eventIds) {
  const events = await connectEvents({
    amqpUrl: process.env.AMQP_URL,
    databaseUrl: process.env.EVENTS_DATABASE_URL ?? databaseUrl(server, EVENTS_DATABASE),
  });
  try {
    if (command === 'list') {
      const letters = await events.deadLetters.list(consumer);
      for (const letter of letters) {
        console.log(
          `${letter.eventId ?? '?'}  ${letter.type ?? '?'}  attempts ${letter.attempts}  ${letter.error ?? ''}`,
        );
      }
      console.log(`${letters.length} dead letter(s) for ${consumer}`);
    } else {
      const replayed = await events.deadLetters.replay(consumer, eventIds.length > 0 ? eventIds : undefined);
      console.log(`${replayed} event(s) put back on ${consumer}'s queue`);
    }
  } finally {
    await events.close();
  }
}

function printParked(event, where = '') {
  console.log(`${event.id}  ${event.type}  parked ${event.parkedAt.toISOString()}${where}  ${event.error ?? ''}`);
}

async function postgresOutbox(service, action, eventIds) {
  const { database } = SUBGRAPHS.find((subgraph) => subgraph.name === service);
  const pg = connectPostgres(databaseUrl(server, database), { outbox });
  try {
    if (action === 'replay') {
      const replayed = await replayParkedEvents(pg.db, eventIds.length > 0 ? eventIds : undefined);
      console.log(
        `${replayed} event(s) put back in the ${service} outbox: its relay publishes them on its next pass ` +
          '(or parks them again, with the same error, if nothing has changed that lets them through)',
      );
    } else {
      const parked = await listParkedEvents(pg.db);
      for (const event of parked) printParked(event);
      console.log(`${parked.length} parked event(s) in the ${service} outbox`);
    }
  } finally {
    await pg.close();
  }
}

async function catalogOutbox(action) {
  if (action === 'replay') {
    refuse(
      "The catalog's parked events are not replayed: its store belongs to the running catalog, and a " +
        'parked ProductChanged is an old state of the product. Change the product (updateProduct) and ' +
        'the relay publishes its current state.',
    );
  }
  const { openCatalogStore } = await import('../subgraphs/catalog/dist/store/index.js');
  const { parkedProductEvents } = await import('../subgraphs/catalog/dist/events/outbox-relay.js');
  // Read only: the in-process engine writes its files atomically, so this is a consistent snapshot.
  const store = await openCatalogStore({
    mongodbUrl: process.env.MONGODB_URL,
    mongodbDb: process.env.MONGODB_DB,
    dataDir: process.env.CATALOG_DATA_DIR ?? path.join(DATA_DIR, 'catalog'),
  });
  try {
    const parked = await parkedProductEvents(store.products);
    for (const event of parked) printParked(event, `  product ${event.productId}`);
    console.log(`${parked.length} parked event(s) in the catalog's outbox (${store.engine})`);
  } finally {
    await store.close();
  }
}

const [command, name, ...rest] = process.argv.slice(2);
if (['list', 'replay'].includes(command) && name) {
  await consumerDeadLetters(command, name, rest);
} else if (command === 'outbox' && [...POSTGRES_OUTBOXES, 'catalog'].includes(name)) {
  const [action, ...eventIds] = rest;
  if (action !== undefined && action !== 'replay') refuse(USAGE);
  if (name === 'catalog') await catalogOutbox(action);
  else await postgresOutbox(name, action, eventIds);
} else {
  refuse(USAGE);
}
