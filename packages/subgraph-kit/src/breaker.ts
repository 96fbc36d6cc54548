import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import { z } from 'zod';

/** When a circuit opens and how soon it lets a probe through. */
export interface BreakerSettings {
  /**
   * Consecutive failures (network errors, timeouts, 5xx) that open the circuit;
   * BREAKER_OFF (0) means no breaker and no retries (see CallGuard).
   */
  failures: number;
  /** Milliseconds an open circuit refuses calls before one half-open probe goes through. */
  halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 5, halfOpenAfterMs: 5_000 };

/** BreakerSettings.failures of a callee without breaker or retries. */
export const BREAKER_OFF = 0;

/**
 * BREAKER_FAILURES and BREAKER_HALF_OPEN_AFTER_MS, shared by the router and every service
 * (see README); BREAKER_FAILURES=0 turns breakers and retries off.
 */
export const breakerEnv = {
  BREAKER_FAILURES: z.coerce.number().int().nonnegative().default(DEFAULT_BREAKER.failures),
  BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().positive().default(DEFAULT_BREAKER.halfOpenAfterMs),
};

/** The breaker settings of a parsed config that spread `breakerEnv`. */
export function breakerSettingsOf(config: { BREAKER_FAILURES: number; BREAKER_HALF_OPEN_AFTER_MS: number }) {
  return { failures: config.BREAKER_FAILURES, halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS };
}

/** A circuit's state as a metric value: 0 closed, 1 half-open (one probe in flight), 2 open (refusing). */
export type CircuitStateName = 'closed' | 'half-open' | 'open';
export const CIRCUIT_STATE_VALUE: Readonly<Record<CircuitStateName, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/** A non-2xx answer from a callee, with its status (a 5xx counts as the callee's failure, a 4xx does not). */
export class CalleeStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CalleeStatusError';
  }
}

/**
 * How a call failed, as far as breakers and retries care: `timeout` (no answer in
 * time), `network` (no connection, or it broke), `server` (a 5xx status). Undefined for
 * anything else (a 4xx, GraphQL errors in a 200 answer, our own bugs): those say nothing
 * about the callee's health. `statusOf` reads the HTTP status an error carries.
 */
export type CallFailure = 'timeout' | 'network' | 'server';

export function callFailureOf(
  error: unknown,
  statusOf: (error: unknown) => number | undefined = (e) => (e instanceof CalleeStatusError ? e.status : undefined),
): CallFailure | undefined {
  // By name, not instanceof: fetch's DOMException and TypeError may come from another realm (a test's VM context).
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 ? 'server' : undefined;
  // undici's fetch rejects with `TypeError: fetch failed` (cause: ECONNREFUSED, a reset socket, …).
  if (name === 'TypeError' && message === 'fetch failed') return 'network';
  return undefined;
}

/**
 * A consecutive-failure circuit breaker (cockatiel) over the failures `callFailureOf`
 * names: after `failures` in a row it opens and refuses calls with BrokenCircuitError
 * for `halfOpenAfterMs`, then lets one probe through (CallGuard refuses the others
 * meanwhile): a success closes it, a failure opens it again. `onState` hears every change.
 */
export function createBreaker(
  settings: BreakerSettings,
  options: { statusOf?: (error: unknown) => number | undefined; onState?: (state: CircuitStateName) => void } = {},
): CircuitBreakerPolicy {
  const breaker = circuitBreaker(
    handleWhen((error) => callFailureOf(error, options.statusOf) !== undefined),
    { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.failures) },
  );
  const onState = options.onState;
  if (onState) {
    breaker.onStateChange((state) => {
      if (state === CircuitState.Closed) onState('closed');
      else if (state === CircuitState.HalfOpen) onState('half-open');
      else onState('open');
    });
  }
  return breaker;
}

/** True for the error a breaker throws instead of calling. */
export function isCircuitOpen(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

/**
 * The SERVICE_UNAVAILABLE error for a callee that was not called or did not answer:
 * `extensions.serviceName` names it; `circuit: 'open'` when its breaker refused the
 * call, `deadline: 'exceeded'` when the request had no time left for it.
 */
export function serviceUnavailable(
  serviceName: string,
  why: { circuit?: 'open'; deadline?: 'exceeded' } = {},
): GraphQLError {
  return new GraphQLError(`The ${serviceName} service is unavailable.`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName, ...why },
  });
}
