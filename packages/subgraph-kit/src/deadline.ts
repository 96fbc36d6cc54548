import { performance } from 'node:perf_hooks';

/**
 * The time a request has left, in whole milliseconds, relative to when the header was
 * sent (like gRPC's `grpc-timeout`, so the caller's and callee's clocks need not
 * agree). The router sets it on every subgraph fetch and every SubgraphClient call sets
 * it for its callee.
 */
export const DEADLINE_HEADER = 'x-agora-deadline-ms';

/**
 * How much earlier than its caller a call gives up (milliseconds): time for the answer
 * (or the error) to travel back, so an inner timeout always ends before the outer one.
 */
export const DEADLINE_MARGIN_MS = 50;

/** The longest deadline a header may carry (one hour); longer or malformed values are ignored. */
const MAX_HEADER_MS = 3_600_000;

/**
 * The moment a request's work must be over, on the process's monotonic clock
 * (`performance.now()`, milliseconds), so wall-clock changes do not move it.
 */
export class Deadline {
  private constructor(private readonly atMs: number) {}

  /** The deadline `ms` milliseconds after `now`. */
  static after(ms: number, now = performance.now()): Deadline {
    return new Deadline(now + Math.max(0, ms));
  }

  /** Milliseconds left (0 once passed). */
  remainingMs(now = performance.now()): number {
    return Math.max(0, this.atMs - now);
  }

  expired(now = performance.now()): boolean {
    return this.remainingMs(now) <= 0;
  }
}

/**
 * The deadline a caller sent in DEADLINE_HEADER (an integer number of milliseconds from
 * now), or undefined when absent or not such a number (the request then has none).
 */
export function deadlineFromHeader(value: string | undefined, now = performance.now()): Deadline | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const ms = Number(value.trim());
  return ms <= MAX_HEADER_MS ? Deadline.after(ms, now) : undefined;
}

/**
 * How long one call may take, in whole milliseconds: its own timeout, shortened to the
 * deadline's time left minus `marginMs`. 0 or less means the deadline leaves no time:
 * the call must not be sent. Without a deadline (event consumers, sweeps) it is the own
 * timeout.
 */
export function callBudgetMs(
  ownTimeoutMs: number,
  deadline: Deadline | undefined,
  now = performance.now(),
  marginMs = DEADLINE_MARGIN_MS,
): number {
  if (!deadline) return ownTimeoutMs;
  return Math.floor(Math.min(ownTimeoutMs, deadline.remainingMs(now) - marginMs));
}

/** What a service passes on to the services it calls for one request: its id and its deadline. */
export interface CallScope {
  requestId?: string;
  /** Undefined for work no client waits for (event consumers, sweeps): calls keep their own timeouts. */
  deadline?: Deadline;
}
