import {
  BrokenCircuitError,
  CircuitState,
  ExponentialBackoff,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import {
  BREAKER_OFF,
  type BreakerSettings,
  callFailureOf,
  type CircuitStateName,
  createBreaker,
  isCircuitOpen,
  serviceUnavailable,
} from './breaker';
import { callBudgetMs, type Deadline, DEADLINE_MARGIN_MS } from './deadline';

/** Why a call was refused without being sent. */
export type CallRefusal = 'circuit_open' | 'deadline_exceeded';

/** What a guard reports, for metrics. */
export interface CallGuardEvents {
  onState?: (state: CircuitStateName) => void;
  onRefused?: (reason: CallRefusal) => void;
  onRetry?: () => void;
}

export interface CallGuardOptions {
  /** The callee's name, in errors and metrics. */
  callee: string;
  /** The longest a call may take (milliseconds), deadline or not. */
  timeoutMs: number;
  /** The callee's breaker; `failures: BREAKER_OFF` means none, and no retries either. */
  breaker: BreakerSettings;
  /** Retries of an idempotent call after a network error or a 5xx (default 2; none without a breaker). */
  maxRetries?: number;
  /** Reads the HTTP status a failed attempt's error carries (see callFailureOf). */
  statusOf?: (error: unknown) => number | undefined;
  events?: CallGuardEvents;
}

/** Back-off between retries: exponential with decorrelated jitter, from ~25 ms up to 250 ms. */
const RETRY_BACKOFF = { initialDelay: 25, maxDelay: 250 };

/**
 * One callee's timeouts, circuit breaker and retries, shared by all calls to it (the
 * router has one per subgraph, every SubgraphClient one for its callee):
 *
 * - each attempt gets `callBudgetMs(timeoutMs, deadline)`; with no time left it is not
 *   sent and fails with SERVICE_UNAVAILABLE `deadline: 'exceeded'`;
 * - attempts go through the callee's breaker (createBreaker); while it is open, and while
 *   its one half-open probe is out, calls fail at once with SERVICE_UNAVAILABLE
 *   `circuit: 'open'`;
 * - an idempotent call (a query) is retried after a network error or a 5xx, up to
 *   `maxRetries` times with jittered exponential back-off, and only while the deadline
 *   leaves time for another attempt. Timeouts are not retried: a hung callee would cost
 *   the whole budget again.
 *
 * With `breaker.failures` BREAKER_OFF there is neither breaker nor retries: every call is
 * sent, once, whatever happened to the ones before (the deadline and timeout still hold).
 */
export class CallGuard {
  /** Undefined when the breaker is off. */
  readonly breaker: CircuitBreakerPolicy | undefined;
  private readonly maxRetries: number;

  constructor(private readonly options: CallGuardOptions) {
    const off = options.breaker.failures === BREAKER_OFF;
    this.breaker = off
      ? undefined
      : createBreaker(options.breaker, { statusOf: options.statusOf, onState: options.events?.onState });
    this.maxRetries = off ? 0 : (options.maxRetries ?? 2);
  }

  /** Runs `attempt(budgetMs)` (budget in milliseconds: its timeout, and what to tell the callee) as above. */
  async call<T>(
    call: { deadline?: Deadline; idempotent: boolean },
    attempt: (budgetMs: number) => Promise<T>,
  ): Promise<T> {
    const { callee, events } = this.options;
    const once = async (): Promise<T> => {
      const budgetMs = callBudgetMs(this.options.timeoutMs, call.deadline);
      if (budgetMs <= 0) {
        events?.onRefused?.('deadline_exceeded');
        throw serviceUnavailable(callee, { deadline: 'exceeded' });
      }
      const breaker = this.breaker;
      if (!breaker) return attempt(budgetMs);
      try {
        // While the one half-open probe is out, others are refused too: cockatiel would have them wait for it.
        if (breaker.state === CircuitState.HalfOpen) throw new BrokenCircuitError();
        return await breaker.execute(() => attempt(budgetMs));
      } catch (error) {
        if (!isCircuitOpen(error)) throw error;
        events?.onRefused?.('circuit_open');
        throw serviceUnavailable(callee, { circuit: 'open' });
      }
    };
    if (!call.idempotent || this.maxRetries === 0) return once();
    const retries = retry(
      handleWhen((error) => {
        const failure = callFailureOf(error, this.options.statusOf);
        const timeLeft = call.deadline?.remainingMs() ?? Infinity;
        return (
          (failure === 'network' || failure === 'server') && timeLeft > RETRY_BACKOFF.maxDelay + DEADLINE_MARGIN_MS
        );
      }),
      { maxAttempts: this.maxRetries, backoff: new ExponentialBackoff(RETRY_BACKOFF) },
    );
    if (events?.onRetry) retries.onRetry(events.onRetry);
    return retries.execute(once);
  }
}
