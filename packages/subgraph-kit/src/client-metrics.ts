import { Counter, Gauge, type Metric } from 'prom-client';
import { CIRCUIT_STATE_VALUE } from './breaker';
import type { CallGuardEvents } from './call-guard';

/*
 * One set per process, registered into the service's registry by serveSubgraph: a
 * SubgraphClient is built long before (and apart from) the server that serves /metrics.
 * Callee names are set in code, never taken from requests.
 */
const circuitState = new Gauge({
  name: 'agora_subgraph_client_circuit_state',
  help: 'Circuit breaker state of calls to another service, by callee: 0 closed, 1 half-open, 2 open.',
  labelNames: ['callee'],
  registers: [],
});
const refused = new Counter({
  name: 'agora_subgraph_client_calls_refused_total',
  help: 'Calls to another service not sent, by callee and reason (circuit_open, deadline_exceeded).',
  labelNames: ['callee', 'reason'],
  registers: [],
});
const retries = new Counter({
  name: 'agora_subgraph_client_retries_total',
  help: 'Retries of idempotent calls (queries) to another service after a network error or a 5xx, by callee.',
  labelNames: ['callee'],
  registers: [],
});

/**
 * `agora_subgraph_client_circuit_state{callee}` (0 closed, 1 half-open, 2 open),
 * `agora_subgraph_client_calls_refused_total{callee, reason}` and
 * `agora_subgraph_client_retries_total{callee}`, for a service's /metrics.
 */
export function subgraphClientMetrics(): Metric[] {
  return [circuitState, refused, retries];
}

/** The CallGuard events that keep the metrics above for `callee` (its series start at 0, closed). */
export function clientMetricEvents(callee: string): CallGuardEvents {
  circuitState.set({ callee }, CIRCUIT_STATE_VALUE.closed);
  for (const reason of ['circuit_open', 'deadline_exceeded']) refused.inc({ callee, reason }, 0);
  retries.inc({ callee }, 0);
  return {
    onState: (state) => circuitState.set({ callee }, CIRCUIT_STATE_VALUE[state]),
    onRefused: (reason) => refused.inc({ callee, reason }),
    onRetry: () => retries.inc({ callee }),
  };
}
