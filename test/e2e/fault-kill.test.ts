import { CIRCUIT_STATE_VALUE, DEFAULT_BREAKER } from '@agora/subgraph-kit';
import { scrapeMetrics, startLoad, waitFor, type Load, type LoadAnswer } from '@agora/testing';
import { startFaultStack, type FaultStack } from './fault-stack';

// Inventory fails while the storefront listing is under a steady load through the
// router, twice, on one stack: first it is killed (SIGKILL, as a crash) and started
// again on its port; then it hangs (SIGSTOP: the kernel still accepts connections on
// its socket, nothing answers) and goes on (SIGCONT). Every answer is sorted by the
// phase it was sent and answered in.

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
const CIRCUIT = 'agora_router_subgraph_circuit_state';
/**
 * The router's SUBGRAPH_TIMEOUT_MS in this file (its default is 10 000): how long a fetch
 * to a hung inventory waits. Everything else (BREAKER_FAILURES, BREAKER_HALF_OPEN_AFTER_MS,
 * REQUEST_TIMEOUT_MS) keeps its default.
 */
const SUBGRAPH_TIMEOUT_MS = 1_000;
const { failures: BREAKER_FAILURES, halfOpenAfterMs: HALF_OPEN_AFTER_MS } = DEFAULT_BREAKER;
/**
 * The longest a listing may take while inventory's circuit is open: the router refuses
 * that fetch at once, so the answer costs only catalog's and reviews' fetches. Measured
 * with CONCURRENCY answers in flight on a 2-core machine that also runs the load: ~50 ms
 * median, ~110 ms at most, as much as a healthy listing (~40 ms); 5x generous, and a
 * quarter of SUBGRAPH_TIMEOUT_MS.
 */
const OPEN_ANSWER_MS = 250;
/** How long the listing may take to show stock again once a hung inventory goes on: its next half-open probes. */
const HANG_RECOVERY_MS = 3 * HALF_OPEN_AFTER_MS;

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

/** True for an answer `without stock` whose every error says inventory's circuit is open (the router did not fetch). */
function refusedByCircuit(answer: Answer | undefined): boolean {
  return (
    answer !== undefined &&
    kindOf(answer) === 'without stock' &&
    (answer.body.errors ?? []).every((error) => error.extensions?.circuit === 'open')
  );
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
let passed = 0;
beforeAll(async () => {
  stack = await startFaultStack({ routerEnv: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) } });
}, 120_000);
afterAll(async () => {
  if (!stack) return;
  if (passed < 2) console.log(`what the processes logged\n${stack.logs()}`);
  // stop resumes a paused process first: a stopped child never exits on SIGTERM alone.
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
  passed += 1;
}, 180_000);

/** Answer times of `answers` in milliseconds: how many, median, 95th percentile, longest. */
function latencies(answers: LoadAnswer<Answer>[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = answers.map((a) => a.durationMs).sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: Math.round(sorted[sorted.length - 1] ?? 0) };
}

it('answers the listing without stock in milliseconds once a hung inventory opens its circuit, and with stock again once it goes on, by itself', async () => {
  const metrics = `${stack.router.origin}/metrics`;
  const routerPid = stack.router.child.pid;
  /** Inventory fetches that timed out (a paused inventory never answers, so no other fetch fails), and fetches its circuit refused. */
  const counts = async (): Promise<{ timedOut: number; ok: number; refused: number; circuit: number }> => {
    const sample = await scrapeMetrics(metrics);
    return {
      timedOut: sample.sum(FETCHES, { subgraph: 'inventory', outcome: 'unavailable' }),
      ok: sample.sum(FETCHES, { subgraph: 'inventory', outcome: 'ok' }),
      refused: sample.sum(REFUSED, { subgraph: 'inventory', reason: 'circuit_open' }),
      circuit: sample.sum(CIRCUIT, { subgraph: 'inventory' }),
    };
  };
  const load = startLoad({ concurrency: CONCURRENCY, ask: listing, phase: 'before' });
  let atPause: Awaited<ReturnType<typeof counts>>;
  let atOpen: Awaited<ReturnType<typeof counts>>;
  let afterOpen: Awaited<ReturnType<typeof counts>>;
  let afterProbe: Awaited<ReturnType<typeof counts>>;
  let recoveryMs = 0;
  try {
    await answersIn(load, 'before');
    expect((await counts()).circuit).toBe(CIRCUIT_STATE_VALUE.closed);

    // Hung: every fetch to inventory waits its whole SUBGRAPH_TIMEOUT_MS until BREAKER_FAILURES in a row open the circuit.
    stack.pause('inventory');
    load.setPhase('hung');
    atPause = await counts();
    atOpen = await waitFor(
      async () => {
        const now = await counts();
        return now.circuit === CIRCUIT_STATE_VALUE.open ? now : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    // Open: the router does not fetch from inventory; the listing answers at once without stock.
    load.setPhase('open');
    await answersIn(load, 'open');
    // The fetches sent before it opened have all timed out (and are counted) once no request sent then is still out.
    await waitFor(() => load.inFlight().every((phase) => phase === 'open'), { timeoutMs: 30_000, intervalMs: 50 });
    afterOpen = await counts();
    const timedOutWhenOpen = afterOpen.timedOut;
    // Still hung at the half-open probe: one fetch goes out (and waits its timeout), the others are refused, the circuit opens again.
    load.setPhase('probed');
    afterProbe = await waitFor(
      async () => {
        const now = await counts();
        return now.timedOut > timedOutWhenOpen && now.circuit === CIRCUIT_STATE_VALUE.open ? now : undefined;
      },
      { timeoutMs: HALF_OPEN_AFTER_MS + SUBGRAPH_TIMEOUT_MS + 10_000, intervalMs: 50 },
    );

    // Inventory goes on where it stopped; neither it nor the router is restarted or told.
    stack.resume('inventory');
    load.setPhase('resumed');
    const resumed = performance.now();
    await waitFor(
      () =>
        load
          .answers()
          .some((a) => a.startPhase === 'resumed' && a.answer !== undefined && kindOf(a.answer) === 'complete'),
      { timeoutMs: HANG_RECOVERY_MS, intervalMs: 50 },
    ).catch(() => {
      throw new Error(`the listing did not show stock again within ${HANG_RECOVERY_MS} ms of inventory going on`);
    });
    recoveryMs = Math.round(performance.now() - resumed);
    load.setPhase('after');
    await answersIn(load, 'after');
  } finally {
    // A paused inventory must never outlive the test (resuming a running one does nothing).
    stack.resume('inventory');
    await load.stop();
  }
  const atEnd = await counts();

  const answers = load.answers();
  const startedIn = (...phases: string[]): LoadAnswer<Answer>[] => answers.filter((a) => phases.includes(a.startPhase));
  /** Answers that waited a whole subgraph timeout: each had one inventory fetch time out. */
  const waitedTimeout = (list: LoadAnswer<Answer>[]): LoadAnswer<Answer>[] =>
    list.filter((a) => a.durationMs >= SUBGRAPH_TIMEOUT_MS);
  const hungFetches = afterOpen.timedOut - atPause.timedOut;
  const probeFetches = afterProbe.timedOut - afterOpen.timedOut;
  console.log(
    `fault-hang numbers\n${JSON.stringify(
      {
        subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
        latencyMs: {
          before: latencies(load.within('before')),
          hungBeforeOpen: latencies(startedIn('hung')),
          open: latencies(load.within('open')),
          probed: latencies(startedIn('probed')),
          resumed: latencies(startedIn('resumed')),
          after: latencies(load.within('after')),
        },
        inventoryFetches: {
          timedOutUntilOpen: atOpen.timedOut - atPause.timedOut,
          timedOutWhileHung: hungFetches,
          probesWhileHung: probeFetches,
          refusedWhileOpen: afterOpen.refused - atOpen.refused,
          refusedWhileProbed: afterProbe.refused - afterOpen.refused,
          answeredWhileHung: afterProbe.ok - atPause.ok,
        },
        answersThatWaitedTheTimeout: waitedTimeout(startedIn('before', 'hung', 'open', 'probed')).length,
        recoveryMs,
      },
      null,
      2,
    )}`,
  );

  // The router stayed up, the same process.
  expect(stack.router.child.exitCode).toBeNull();
  expect(stack.router.child.signalCode).toBeNull();
  expect(stack.router.child.pid).toBe(routerPid);
  // Every answer lists the products; stock before and after, none (an error naming inventory) while it hung.
  expect(notOfKind(answers, 'complete', 'without stock')).toEqual([]);
  expect(notOfKind(load.within('before'), 'complete')).toEqual([]);
  expect(notOfKind(startedIn('hung', 'open', 'probed'), 'without stock')).toEqual([]);
  expect(notOfKind(load.within('after'), 'complete')).toEqual([]);
  // It took BREAKER_FAILURES timed-out fetches in a row to open the circuit, and at most the
  // CONCURRENCY - 1 others already waiting then; each cost its answer the whole timeout.
  expect(hungFetches).toBeGreaterThanOrEqual(BREAKER_FAILURES);
  expect(hungFetches).toBeLessThanOrEqual(BREAKER_FAILURES + CONCURRENCY - 1);
  // Once open, no listing waited: every one was refused inventory at once (5x generous bound).
  const open = load.within('open');
  expect(open.length).toBeGreaterThanOrEqual(PER_PHASE);
  expect(open.filter((a) => !refusedByCircuit(a.answer))).toEqual([]);
  expect(open.filter((a) => a.durationMs >= OPEN_ANSWER_MS).map((a) => a.durationMs)).toEqual([]);
  // While hung and open, fetches stayed flat but for the one half-open probe; the rest were refused.
  expect(probeFetches).toBe(1);
  expect(afterProbe.ok).toBe(atPause.ok);
  const probed = startedIn('probed');
  expect(probed.filter((a) => !refusedByCircuit(a.answer)).length).toBeLessThanOrEqual(probeFetches);
  // Each answer refused inventory by the open circuit is one refused fetch, and there were no others.
  expect(atEnd.refused - atPause.refused).toBe(answers.filter((a) => refusedByCircuit(a.answer)).length);
  // Only the fetches that timed out made an answer wait the timeout: one answer each.
  expect(waitedTimeout(startedIn('before', 'hung', 'open', 'probed')).length).toBe(hungFetches + probeFetches);
  // Back by itself: the circuit closed, and inventory answered every fetch after that.
  expect(load.within('after').length).toBeGreaterThanOrEqual(PER_PHASE);
  expect(atEnd.circuit).toBe(CIRCUIT_STATE_VALUE.closed);
  expect(atEnd.timedOut).toBe(afterProbe.timedOut);
  passed += 1;
}, 120_000);
