// `npm run bench:protections`: what the router's protections cost on the storefront
// listing, measured in one run. Against the subgraphs of a running Agora (`npm start`
// in another terminal) it starts two more routers on free ports, with the same
// supergraph and identity settings as npm start's: "on" with the defaults (operation
// limits, circuit breakers, query retries, the request deadline) and "off" with every
// limit at 0 and BREAKER_FAILURES=0 (no breaker, no retries; the request deadline,
// which has no off switch, stays). Both run without the per-client rate limit (the
// bench is one client) and without trusted documents (off by default). Rounds alternate between the two so drifting machine load hits both alike;
// per page size it prints p50/p95 latency and req/s of each and the relative cost.
//   REQUESTS=400 ROUNDS=4 CONCURRENCY=8 npm run bench:protections
// REQUESTS is per page size and router, split over the rounds.
import { createServer } from 'node:net';
import path from 'node:path';
import { start, stopAll, waitForHealth } from './lib/processes.mjs';
import { ROOT, routerSigningKey } from './lib/stack.mjs';
import { batch, PAGE_SIZES, summary, warm } from './lib/storefront-bench.mjs';

const total = Number(process.env.REQUESTS ?? 400);
const rounds = Number(process.env.ROUNDS ?? 4);
const concurrency = Number(process.env.CONCURRENCY ?? 8);

/** Every protection that has an off switch, off. */
const PROTECTIONS_OFF = {
  MAX_TOKENS: '0',
  MAX_DEPTH: '0',
  MAX_ALIASES: '0',
  MAX_DIRECTIVES: '0',
  MAX_COST: '0',
  BREAKER_FAILURES: '0',
};

/**
 * The environment of a bench router on `port`: npm start's router (scripts/start.mjs)
 * with its identity settings and supergraph, `overrides` on top.
 */
async function routerEnv(port, overrides) {
  const env = { ...process.env };
  // The variants' settings come from here only, not from the shell.
  for (const name of [...Object.keys(PROTECTIONS_OFF), 'TRUSTED_DOCUMENTS', 'TRUSTED_DOCUMENTS_MODE']) delete env[name];
  return {
    ...env,
    PORT: String(port),
    // npm start's router key (.data), which the running subgraphs trust.
    ROUTER_SIGNING_KEY: await routerSigningKey(),
    SHUTDOWN_GRACE_MS: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RATE_LIMIT_REQUESTS: '0',
    ...overrides,
  };
}

/** A TCP port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const children = [];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await stopAll(children);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(130));

async function startRouter(name, overrides) {
  const port = await freePort();
  const child = start(name, path.join(ROOT, 'router', 'dist', 'main.js'), await routerEnv(port, overrides));
  children.push(child);
  await waitForHealth(name, `http://127.0.0.1:${port}/ready`, child);
  return { name, url: `http://127.0.0.1:${port}/graphql` };
}

const ms = (value) => `${value.toFixed(1).padStart(6)} ms`;
/** The change from off to on, in percent of off (+ is more with the protections on). */
const percent = (on, off) => `${(((on - off) / off) * 100).toFixed(1).replace(/^(?!-)/, '+')}%`;

try {
  const variants = [await startRouter('router-on', {}), await startRouter('router-off', PROTECTIONS_OFF)];
  const perRound = Math.max(1, Math.ceil(total / rounds));
  console.log(
    `storefront listing, protections on vs off: ${rounds} alternating rounds of ${perRound} requests ` +
      `per page size and router, concurrency ${concurrency}`,
  );
  const results = new Map(
    variants.map((v) => [v.name, new Map(PAGE_SIZES.map((f) => [f, { latencies: [], seconds: 0 }]))]),
  );
  for (const variant of variants) for (const first of PAGE_SIZES) await warm(variant.url, first);
  for (let round = 0; round < rounds; round++) {
    // on, off in even rounds and off, on in odd ones: neither always goes first.
    const order = round % 2 === 0 ? variants : variants.toReversed();
    for (const first of PAGE_SIZES) {
      for (const variant of order) {
        const { latencies, seconds } = await batch(variant.url, first, { requests: perRound, concurrency });
        const kept = results.get(variant.name).get(first);
        kept.latencies.push(...latencies);
        kept.seconds += seconds;
      }
    }
    console.log(`round ${round + 1}/${rounds} done`);
  }
  console.log('');
  for (const first of PAGE_SIZES) {
    const [on, off] = variants.map((v) => {
      const kept = results.get(v.name).get(first);
      return summary(kept.latencies, kept.seconds);
    });
    console.log(
      `first: ${String(first).padEnd(3)} ${on.requests} requests each\n` +
        `  on   p50 ${ms(on.p50)}  p95 ${ms(on.p95)}  ${on.perSecond.toFixed(0).padStart(5)} req/s\n` +
        `  off  p50 ${ms(off.p50)}  p95 ${ms(off.p95)}  ${off.perSecond.toFixed(0).padStart(5)} req/s\n` +
        `  on vs off: p50 ${percent(on.p50, off.p50)}, p95 ${percent(on.p95, off.p95)}, req/s ${percent(on.perSecond, off.perSecond)}`,
    );
  }
  await stop(0);
} catch (error) {
  console.error(`bench:protections failed: ${error.message}`);
  await stop(1);
}
