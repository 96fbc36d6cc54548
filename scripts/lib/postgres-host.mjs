// The embedded PostgreSQL of `npm start` and `npm run seed`, in a process of its own that
// stack.mjs forks detached (its own process group): Ctrl-C in the terminal signals
// the services and the script, not the database, so the script stops the services while
// their database is still up, then tells this process to stop it ("stop"). When the
// script goes away without asking (killed), the IPC channel closes and this stops too.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const send = (message) => new Promise((resolve) => process.send(message, resolve));
let server;
let stopping = false;

async function stop() {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  process.exit(0);
}

process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());

try {
  server = await startEmbeddedPostgres({
    dataDir: process.env.EMBEDDED_POSTGRES_DATA_DIR,
    port: Number(process.env.EMBEDDED_POSTGRES_PORT),
    log: (line) => void send({ log: line }),
  });
  await send({ url: server.url });
} catch (error) {
  await send({ error: String(error?.message ?? error) });
  process.exit(1);
}
