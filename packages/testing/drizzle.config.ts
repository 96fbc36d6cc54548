// The outbox and handled_events tables as a service's migration would create them, plus
// the effects test consumers write, for startEventsDb:
// `cd packages/testing && npx drizzle-kit generate`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['../events/src/outbox.ts', '../events/src/consumer.ts', './src/event-effects.ts'],
  out: './migrations/events',
});
