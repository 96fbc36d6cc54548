// `npm run dead-letters -- list <consumer>` shows the events a consumer gave up on
// (after its retries), with the last error; `npm run dead-letters -- replay <consumer> [eventId…]`
// puts them (or only those) back on its queue. Consumers: search, recommendations, notifications.
// Uses RabbitMQ when AMQP_URL is set, else the Postgres queue: EVENTS_DATABASE_URL, or the
// events database of a running `npm start` (on DATABASE_URL's server or the embedded one).
import { connectEvents } from '../packages/events/dist/index.js';
import { databaseUrl, EVENTS_DATABASE } from './lib/stack.mjs';

const [command, consumer, ...eventIds] = process.argv.slice(2);
if (!['list', 'replay'].includes(command) || !consumer) {
  console.error('usage: npm run dead-letters -- list <consumer> | replay <consumer> [eventId…]');
  process.exit(2);
}

const server =
  process.env.DATABASE_URL ??
  `postgres://postgres:agora@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 54329}/postgres`;
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
