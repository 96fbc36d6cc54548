// `npm run bench`: latency and throughput of the storefront listing through the
// router of a running Agora (`npm start` in another terminal). Bounded: a fixed
// number of requests to localhost, then it stops. All of them come from one client, so
// start Agora without the per-client rate limit: RATE_LIMIT_REQUESTS=0 npm start.
//   ROUTER_URL=http://localhost:4000/graphql REQUESTS=400 CONCURRENCY=8 npm run bench
import { batch, PAGE_SIZES, summary, warm } from './lib/storefront-bench.mjs';

const url = process.env.ROUTER_URL ?? 'http://localhost:4000/graphql';
const total = Number(process.env.REQUESTS ?? 400);
const concurrency = Number(process.env.CONCURRENCY ?? 8);

async function run(first) {
  await warm(url, first);
  const { latencies, seconds } = await batch(url, first, { requests: total, concurrency });
  const s = summary(latencies, seconds);
  const ms = (value) => value.toFixed(1).padStart(7);
  console.log(
    `first: ${String(first).padEnd(3)} ${String(s.requests).padStart(5)} requests  ` +
      `p50 ${ms(s.p50)} ms  p95 ${ms(s.p95)} ms  p99 ${ms(s.p99)} ms  ` +
      `${s.perSecond.toFixed(0).padStart(5)} req/s`,
  );
}

console.log(`storefront listing through ${url}, concurrency ${concurrency}`);
for (const first of PAGE_SIZES) await run(first);
