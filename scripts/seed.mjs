// `npm run seed`: migrates and seeds the demo data (idempotent: rows that exist are kept).
import { migrate, seed } from './lib/prepare.mjs';
import { postgresServer } from './lib/stack.mjs';

const postgres = await postgresServer();
try {
  const context = { serverUrl: postgres.url };
  await migrate(context);
  await seed(context, { force: true });
} finally {
  await postgres.stop();
}
