// `npm run bench:limits`: how fast the router refuses the two operations measured on a
// running Agora (issue 10: 30 levels deep with `first: 5`, 6.5 s; 1,000 aliases of
// `search`, 4.6 s), and what a `{ __typename }` from another client waits meanwhile.
// Prints numbers, asserts nothing. Against ROUTER_URL when set (a running Agora);
// otherwise a router of its own, in this process, over the repository's supergraph
// (refused operations never reach a subgraph, so none needs to run), without the
// per-client rate limit. Against a running Agora, start it with RATE_LIMIT_REQUESTS=0.
// Needs `npm run build`.
//   REQUESTS=200 CONCURRENCY=8 npm run bench:limits
import { createRequire } from 'node:module';
import { percentile } from './lib/storefront-bench.mjs';

const require = createRequire(import.meta.url);
const total = Number(process.env.REQUESTS ?? 200);
const concurrency = Number(process.env.CONCURRENCY ?? 8);

const levels = 30 - 4;
const deep = `{ search(query: "a", first: 5) { edges { node { ${'recommendations(first: 5) { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;
const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `s${i}: search(query: "a") { edges { node { id name } } }`).join(' ')} }`;

async function startRouter() {
  if (process.env.ROUTER_URL) return { url: process.env.ROUTER_URL, stop: async () => {} };
  const { createRouter, loadConfig } = require('../router/dist/index.js');
  const router = createRouter(
    loadConfig({
      LOG_LEVEL: 'silent',
      // One client sends every request here: the per-client rate limit would measure itself.
      RATE_LIMIT_REQUESTS: '0',
    }),
  );
  const { port } = await router.start(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => router.stop() };
}

async function send(url, query) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  return { ms: performance.now() - started, status: response.status, body };
}

function summary(latencies) {
  const sorted = latencies.toSorted((a, b) => a - b);
  const at = (p) => percentile(sorted, p).toFixed(1).padStart(6);
  return `p50 ${at(50)} ms  p95 ${at(95)} ms  max ${sorted.at(-1).toFixed(1).padStart(6)} ms`;
}

async function refusals(url, name, query) {
  const first = await send(url, query);
  const error = first.body.errors?.[0];
  const latencies = [];
  for (let i = 0; i < total; i++) latencies.push((await send(url, query)).ms);
  console.log(
    `${name.padEnd(26)} ${first.status} ${error?.extensions?.code} limit=${error?.extensions?.limit} ` +
      `measured=${error?.extensions?.measured}  ${total} requests  ${summary(latencies)}`,
  );
}

/** `{ __typename }` one at a time while `concurrency` clients send `queries` in turn. */
async function neighbour(url, name, queries) {
  let running = true;
  const flood = Array.from({ length: concurrency }, async (_, i) => {
    let sent = 0;
    while (running) {
      await send(url, queries[i % queries.length]);
      sent += 1;
    }
    return sent;
  });
  const latencies = [];
  for (let i = 0; i < total; i++) latencies.push((await send(url, '{ __typename }')).ms);
  running = false;
  const sent = (await Promise.all(flood)).reduce((a, b) => a + b, 0);
  console.log(`{ __typename } ${name.padEnd(15)} ${total} requests  ${summary(latencies)}  (${sent} sent alongside)`);
}

const router = await startRouter();
console.log(`operation limits at ${router.url}`);
const quiet = [];
for (let i = 0; i < total; i++) quiet.push((await send(router.url, '{ __typename }')).ms);
console.log(`{ __typename } alone          ${total} requests  ${summary(quiet)}`);
await refusals(router.url, '30 levels, first: 5', deep);
await refusals(router.url, '1,000 aliases of search', aliases);
console.log(`while ${concurrency} other clients send, as fast as they are answered:`);
await neighbour(router.url, 'the refused two', [deep, aliases]);
await neighbour(router.url, '{ __typename }', ['{ __typename }']);
await router.stop();
