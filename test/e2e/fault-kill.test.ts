import { scrapeMetrics, startLoad, waitFor, type Load, type LoadAnswer } from '@agora/testing';
import { startFaultStack, type FaultStack } from './fault-stack';

// Inventory is killed (SIGKILL, as a crash) while the storefront listing is under a
// steady load through the router, then started again on its port. Every answer is
// sorted by the phase it was both sent and answered in: before the kill, during the
// outage, while inventory restarts and the router notices, and after recovery.

const LISTING = `query Listing {
  products(first: 10, sort: NEWEST) {
    edges { node { id name price { amount currency } inStock averageRating reviewCount } }
  }
}`;
const PAGE = 10;
/** Requests in flight at once. */
const CONCURRENCY = 4;
/** Answers each phase must have (both sent and answered in it) before the next begins. */
const PER_PHASE = 20;
/** How long the router may take to use inventory again once it is ready (a half-open breaker probe included). */
const RECOVERY_MS = 15_000;
const FETCHES = 'agora_router_subgraph_fetch_duration_seconds_count';
const REFUSED = 'agora_router_subgraph_fetches_refused_total';

/** Inventory fetches that found it gone, plus those its open circuit refused without fetching. */
function inventoryFailures(sample: Awaited<ReturnType<typeof scrapeMetrics>>): number {
  return (
    sample.sum(FETCHES, { subgraph: 'inventory', outcome: 'unavailable' }) +
    sample.sum(REFUSED, { subgraph: 'inventory' })
  );
}

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/**
 * What a listing answer is: `complete` (ten products, each with a boolean `inStock`
 * and a `reviewCount`, no error), `without stock` (ten products with `inStock: null`,
 * their reviews still there, and every error SERVICE_UNAVAILABLE naming inventory), or
 * `broken` (anything else: another status, `data: null`, missing products, other errors).
 */
function kindOf({ status, body }: Answer): 'complete' | 'without stock' | 'broken' {
  const nodes: any[] | undefined = body.data?.products?.edges?.map((edge: any) => edge.node);
  if (status !== 200 || nodes?.length !== PAGE) return 'broken';
  const listed = nodes.every((node) => typeof node.name === 'string' && typeof node.reviewCount === 'number');
  if (!listed) return 'broken';
  if (!body.errors && nodes.every((node) => typeof node.inStock === 'boolean')) return 'complete';
  const inventoryDown =
    body.errors !== undefined &&
    body.errors.length > 0 &&
    body.errors.every(
      (error) => error.extensions?.code === 'SERVICE_UNAVAILABLE' && error.extensions.serviceName === 'inventory',
    );
  return inventoryDown && nodes.every((node) => node.inStock === null) ? 'without stock' : 'broken';
}

/** Empty when every one of `answers` is of one of `kinds`; else how many are not, and the first three (what a failing assertion shows). */
function notOfKind(answers: LoadAnswer<Answer>[], ...kinds: ReturnType<typeof kindOf>[]): unknown[] {
  const others = answers
    .filter((a) => a.answer === undefined || !kinds.includes(kindOf(a.answer)))
    .map((a) => a.answer ?? String(a.failure));
  return others.length === 0
    ? []
    : [`${others.length} of ${answers.length} answers are not ${kinds.join(' or ')}`, ...others.slice(0, 3)];
}

let stack: FaultStack;
let passed = false;
beforeAll(async () => {
  stack = await startFaultStack();
}, 120_000);
afterAll(async () => {
  if (!stack) return;
  if (!passed) console.log(`what the processes logged\n${stack.logs()}`);
  await stack.stop();
}, 60_000);

async function listing(): Promise<Answer> {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LISTING }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Waits until `load` has `count` answers both sent and answered in `phase`. */
function answersIn(load: Load<unknown>, phase: string, count = PER_PHASE): Promise<unknown> {
  return waitFor(() => load.within(phase).length >= count, { timeoutMs: 60_000, intervalMs: 50 });
}

it('keeps the listing up without stock while inventory is killed, and shows stock again once it is back, by itself', async () => {
  const metrics = `${stack.router.origin}/metrics`;
  const routerPid = stack.router.child.pid;
  const load = startLoad({ concurrency: CONCURRENCY, ask: listing, phase: 'before' });
  const readiness = startLoad({
    concurrency: 1,
    ask: async () => (await fetch(`${stack.router.origin}/ready`)).status,
    phase: 'before',
    pauseMs: 100,
  });
  const setPhase = (phase: string): void => {
    load.setPhase(phase);
    readiness.setPhase(phase);
  };
  let unavailableBefore = 0;
  let unavailableDuring = 0;
  try {
    await answersIn(load, 'before');
    unavailableBefore = inventoryFailures(await scrapeMetrics(metrics));

    setPhase('killing');
    await stack.services.inventory.kill();
    setPhase('outage');
    await answersIn(load, 'outage');
    await answersIn(readiness, 'outage', 3);
    unavailableDuring = inventoryFailures(await scrapeMetrics(metrics));

    setPhase('restarting');
    await stack.restart('inventory');
    // Recovery by itself: the router is neither restarted nor told; its next answers use inventory again.
    setPhase('recovering');
    await waitFor(
      () =>
        load
          .answers()
          .some((a) => a.startPhase === 'recovering' && a.answer !== undefined && kindOf(a.answer) === 'complete'),
      { timeoutMs: RECOVERY_MS, intervalMs: 50 },
    ).catch(() => {
      throw new Error(`the listing did not show stock again within ${RECOVERY_MS} ms of inventory being ready`);
    });
    setPhase('after');
    await answersIn(load, 'after');
  } finally {
    await Promise.all([load.stop(), readiness.stop()]);
  }

  const counts = Object.fromEntries(
    ['before', 'outage', 'recovering', 'after'].map((phase) => [phase, load.within(phase).length]),
  );
  console.log(
    `fault-kill numbers\n${JSON.stringify({ answers: load.answers().length, perPhase: counts, unavailable: unavailableDuring - unavailableBefore }, null, 2)}`,
  );

  // The router stayed up, the same process, ready throughout.
  expect(stack.router.child.exitCode).toBeNull();
  expect(stack.router.child.signalCode).toBeNull();
  expect(stack.router.child.pid).toBe(routerPid);
  expect(readiness.answers().filter((a) => a.answer !== 200)).toEqual([]);
  // Every answer, whatever its phase (the kill and the restart included), lists the products.
  expect(notOfKind(load.answers(), 'complete', 'without stock')).toEqual([]);
  // Each phase answered as it should: stock before, none (with an error naming inventory) during, stock after.
  expect(notOfKind(load.within('before'), 'complete')).toEqual([]);
  expect(notOfKind(load.within('outage'), 'without stock')).toEqual([]);
  expect(notOfKind(load.within('after'), 'complete')).toEqual([]);
  expect(load.within('before').length).toBeGreaterThanOrEqual(PER_PHASE);
  expect(load.within('outage').length).toBeGreaterThanOrEqual(PER_PHASE);
  expect(load.within('after').length).toBeGreaterThanOrEqual(PER_PHASE);
  // The router counted the fetches that found inventory gone (or that its open circuit refused).
  expect(unavailableDuring).toBeGreaterThan(unavailableBefore);
  passed = true;
}, 180_000);
