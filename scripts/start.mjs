// `npm start`: the whole of Agora on one machine with nothing installed —
// PostgreSQL (embedded unless DATABASE_URL is set), every subgraph as its own
// process, then the router. Ctrl-C stops everything.
import path from 'node:path';
import { DEMO_ADMIN, DEMO_CUSTOMER } from '../packages/demo-data/dist/index.js';
import { migrate, seed } from './lib/prepare.mjs';
import { start, stopAll, waitForHealth } from './lib/processes.mjs';
import {
  LOCAL_SHUTDOWN_GRACE_MS,
  log,
  postgresServer,
  ROOT,
  ROUTER_PORT,
  routerSigningKey,
  SUBGRAPHS,
  subgraphEnv,
} from './lib/stack.mjs';

const postgres = await postgresServer();
const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await stopAll(children.toReversed());
  await postgres.stop();
  log('stopped');
  process.exit(code);
}
// The services stop first, then PostgreSQL (its own process group: Ctrl-C does not reach it).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));

try {
  const context = { serverUrl: postgres.url };
  await migrate(context);
  await seed(context);

  for (const subgraph of SUBGRAPHS) {
    const child = start(
      subgraph.name,
      path.join(ROOT, 'subgraphs', subgraph.name, 'dist', 'main.js'),
      subgraphEnv(subgraph, context),
    );
    children.push(child);
    await waitForHealth(subgraph.name, `http://127.0.0.1:${subgraph.port}/ready`, child);
  }
  const router = start('router', path.join(ROOT, 'router', 'dist', 'main.js'), {
    ...process.env,
    PORT: String(ROUTER_PORT),
    ROUTER_SIGNING_KEY: await routerSigningKey(),
    SHUTDOWN_GRACE_MS: LOCAL_SHUTDOWN_GRACE_MS,
  });
  children.push(router);
  await waitForHealth('router', `http://127.0.0.1:${ROUTER_PORT}/ready`, router);
  for (const child of children) child.on('exit', () => void shutdown(1));
  printWelcome();
} catch (error) {
  console.error(`agora | failed to start: ${error.message}`);
  await shutdown(1);
}

function printWelcome() {
  const url = `http://localhost:${ROUTER_PORT}/graphql`;
  console.log(`
  Agora is running.

  GraphQL endpoint and Apollo Sandbox:  ${url}

  Demo customer:  ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}
  Demo admin:     ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}

  Try:
    curl -s ${url} -H 'content-type: application/json' \\
      -d '{"query":"{ products(first: 3) { edges { node { name price { amount currency } inStock averageRating } } } }"}'

  ${tracingHint()}

  Press Ctrl-C to stop.
`);
}

/** Whether traces are exported, and how to turn that on (the standard OTEL_* variables every service reads). */
function tracingHint() {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint) return `Tracing: on, OTLP to ${endpoint} (one service.name per service).`;
  if (process.env.OTEL_TRACES_EXPORTER && process.env.OTEL_TRACES_EXPORTER !== 'none') {
    return `Tracing: on, exporter ${process.env.OTEL_TRACES_EXPORTER}.`;
  }
  return `Tracing: off. To send traces to an OTLP/HTTP collector (Jaeger: port 4318):
    OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 npm start`;
}
