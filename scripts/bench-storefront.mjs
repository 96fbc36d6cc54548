// `npm run bench`: latency and throughput of the storefront listing through the
// router of a running Agora (`npm start` in another terminal). Bounded: a fixed
// number of requests to localhost, then it stops. All of them come from one client, so
// start Agora without the per-client rate limit: RATE_LIMIT_REQUESTS=0 npm start.
//   ROUTER_URL=http://localhost:4000/graphql REQUESTS=400 CONCURRENCY=8 npm run bench
const url = process.env.ROUTER_URL ?? 'http://localhost:4000/graphql';
const total = Number(process.env.REQUESTS ?? 400);
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const pageSizes = [5, 20, 50];

const query = `query Storefront($first: Int, $after: String) {
  products(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name price { amount currency } category { name } inStock averageRating reviewCount
      reviews(first: 3) { edges { node { rating author { name } } } } } }
  }
}`;

async function send(first) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { first } }),
  });
  const body = await response.json();
  if (response.status === 429) throw new Error('rate limited: start Agora with RATE_LIMIT_REQUESTS=0 npm start');
  if (!response.ok || body.errors) throw new Error(`request failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(first) {
  for (let i = 0; i < 20; i++) await send(first); // warm the plan cache and connections
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) latencies.push(await send(first));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ms = (value) => value.toFixed(1).padStart(7);
  console.log(
    `first: ${String(first).padEnd(3)} ${String(latencies.length).padStart(5)} requests  ` +
      `p50 ${ms(percentile(latencies, 50))} ms  p95 ${ms(percentile(latencies, 95))} ms  p99 ${ms(percentile(latencies, 99))} ms  ` +
      `${(latencies.length / seconds).toFixed(0).padStart(5)} req/s`,
  );
}

console.log(`storefront listing through ${url}, concurrency ${concurrency}`);
for (const first of pageSizes) await run(first);
