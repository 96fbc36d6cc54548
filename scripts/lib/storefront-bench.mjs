// The storefront listing workload `npm run bench` and `npm run bench:protections` share:
// its query, one timed request, and a batch of them at a fixed concurrency.

/** The page sizes each bench measures, one after the other. */
export const PAGE_SIZES = [5, 20, 50];

export const STOREFRONT_QUERY = `query Storefront($first: Int, $after: String) {
  products(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name price { amount currency } category { name } inStock averageRating reviewCount
      reviews(first: 3) { edges { node { rating author { name } } } } } }
  }
}`;

/** Sends the listing with page size `first` to `url`; resolves to its latency in milliseconds, rejects on any error. */
export async function send(url, first) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: STOREFRONT_QUERY, variables: { first } }),
  });
  const body = await response.json();
  if (response.status === 429) throw new Error('rate limited: start Agora with RATE_LIMIT_REQUESTS=0 npm start');
  if (!response.ok || body.errors) throw new Error(`request failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

/** Warms the plan cache and connections of `url` for page size `first`. */
export async function warm(url, first, requests = 20) {
  for (let i = 0; i < requests; i++) await send(url, first);
}

/** `requests` listings of page size `first`, `concurrency` at a time: their latencies (ms) and the wall time (s). */
export async function batch(url, first, { requests, concurrency }) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) latencies.push(await send(url, first));
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** The `p`th percentile (0–100) of ascending `sorted`. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50, p95 and p99 (ms) and requests per second of latencies gathered over `seconds`. */
export function summary(latencies, seconds) {
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    perSecond: sorted.length / seconds,
  };
}
