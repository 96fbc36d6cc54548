import { type CallGuardEvents, callGuardMetrics } from '@agora/subgraph-kit';
import type { Registry } from 'prom-client';

/** The CallGuard events of one subgraph's fetches, kept as metrics. */
export type SubgraphCallEvents = (subgraph: string) => CallGuardEvents;

/**
 * The router's resilience metrics, in `registers`:
 * `agora_router_subgraph_circuit_state{subgraph}` (0 closed, 1 half-open, 2 open),
 * `agora_router_subgraph_fetches_refused_total{subgraph, reason}` (fetches not sent:
 * `circuit_open`, `deadline_exceeded`) and `agora_router_subgraph_retries_total{subgraph}`
 * (query fetches sent again after a network error or a 5xx). A subgraph's series appear
 * (closed, at 0) when its data source is built.
 */
export function subgraphCallMetrics(registers: Registry[]): SubgraphCallEvents {
  return callGuardMetrics(
    {
      label: 'subgraph',
      state: {
        name: 'agora_router_subgraph_circuit_state',
        help: 'Circuit breaker state of each subgraph: 0 closed, 1 half-open, 2 open.',
      },
      refused: {
        name: 'agora_router_subgraph_fetches_refused_total',
        help: 'Subgraph fetches not sent, by subgraph and reason (circuit_open, deadline_exceeded).',
      },
      retries: {
        name: 'agora_router_subgraph_retries_total',
        help: 'Query fetches sent again after a network error or a 5xx, by subgraph.',
      },
    },
    registers,
  ).eventsFor;
}
