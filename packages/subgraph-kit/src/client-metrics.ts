import { Counter, Gauge, type Metric, type Registry } from 'prom-client';
import { CIRCUIT_STATE_VALUE } from './breaker';
import type { CallGuardEvents, CallRefusal } from './call-guard';

const REFUSALS: readonly CallRefusal[] = ['circuit_open', 'deadline_exceeded'];

/** A metric's name and help text. */
type Described = { name: string; help: string };

/** The names of one set of CallGuard metrics and the label that names the callee. */
export interface CallGuardMetricNames {
  /** The label naming the callee (`callee` in services, `subgraph` on the router). */
  label: string;
  /** The circuit state gauge: 0 closed, 1 half-open, 2 open. */
  state: Described;
  /** The counter of calls not sent, by callee and `reason` (circuit_open, deadline_exceeded). */
  refused: Described;
  /** The counter of retried idempotent calls, by callee. */
  retries: Described;
}

/**
 * The metrics of CallGuards (breaker state, refused calls, retries) in `registers`, and
 * `eventsFor(callee)`: the CallGuardEvents that keep them for one callee, whose series
 * start at 0 (closed) when it is called for. Callee names are set in code, never taken
 * from requests. The router's per-subgraph fetches and every service's SubgraphClient
 * keep theirs this way, under their own names.
 */
export function callGuardMetrics(
  names: CallGuardMetricNames,
  registers: Registry[] = [],
): { metrics: Metric[]; eventsFor: (callee: string) => CallGuardEvents } {
  const { label } = names;
  const state = new Gauge({ ...names.state, labelNames: [label], registers });
  const refused = new Counter({ ...names.refused, labelNames: [label, 'reason'], registers });
  const retries = new Counter({ ...names.retries, labelNames: [label], registers });
  return {
    metrics: [state, refused, retries],
    eventsFor: (callee) => {
      state.set({ [label]: callee }, CIRCUIT_STATE_VALUE.closed);
      for (const reason of REFUSALS) refused.inc({ [label]: callee, reason }, 0);
      retries.inc({ [label]: callee }, 0);
      return {
        onState: (circuit) => state.set({ [label]: callee }, CIRCUIT_STATE_VALUE[circuit]),
        onRefused: (reason) => refused.inc({ [label]: callee, reason }),
        onRetry: () => retries.inc({ [label]: callee }),
      };
    },
  };
}

/*
 * One set per process, registered into the service's registry by serveSubgraph: a
 * SubgraphClient is built long before (and apart from) the server that serves /metrics.
 */
const clientCalls = callGuardMetrics({
  label: 'callee',
  state: {
    name: 'agora_subgraph_client_circuit_state',
    help: 'Circuit breaker state of calls to another service, by callee: 0 closed, 1 half-open, 2 open.',
  },
  refused: {
    name: 'agora_subgraph_client_calls_refused_total',
    help: 'Calls to another service not sent, by callee and reason (circuit_open, deadline_exceeded).',
  },
  retries: {
    name: 'agora_subgraph_client_retries_total',
    help: 'Retries of idempotent calls (queries) to another service after a network error or a 5xx, by callee.',
  },
});

/**
 * `agora_subgraph_client_circuit_state{callee}` (0 closed, 1 half-open, 2 open),
 * `agora_subgraph_client_calls_refused_total{callee, reason}` and
 * `agora_subgraph_client_retries_total{callee}`, for a service's /metrics.
 */
export function subgraphClientMetrics(): Metric[] {
  return clientCalls.metrics;
}

/** The CallGuard events that keep the metrics above for `callee` (its series start at 0, closed). */
export const clientMetricEvents = clientCalls.eventsFor;
