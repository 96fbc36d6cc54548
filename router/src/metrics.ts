import { GRAPHQL_DURATION_BUCKETS, serviceMetrics, type ServiceMetrics } from '@agora/subgraph-kit';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { RouterContext } from './data-source';
import { OPERATION_LIMITS, type OperationLimit } from './operation-limits';
import { type SubgraphCallEvents, subgraphCallMetrics } from './subgraph-breakers';

/**
 * How a subgraph fetch went: answered without errors, answered with GraphQL errors,
 * refused with a non-2xx status, or unreachable (connection failed or timed out).
 */
export type SubgraphFetchOutcome = 'ok' | 'error' | 'refused' | 'unavailable';

/** Starts timing one fetch from `subgraph`; the returned function records it with its outcome. */
export type SubgraphFetchTimer = (subgraph: string) => (outcome: SubgraphFetchOutcome) => void;

/** What the router knows of its supergraph, read at each scrape. */
export interface SupergraphCounts {
  loaded: boolean;
  reloads: number;
  refusals: number;
}

export interface RouterMetrics extends ServiceMetrics<RouterContext> {
  timeSubgraphFetch: SubgraphFetchTimer;
  /** Counts one query plan cache lookup (see countingQueryPlanCache). */
  countQueryPlanLookup: (hit: boolean) => void;
  /** Counts one operation refused for being over `limit` (see operationLimitGuard). */
  countOperationRefusal: (limit: OperationLimit) => void;
  /** Counts one request refused 429 by the per-client rate limit, by what the client was keyed on. */
  countRateLimited: (client: 'user' | 'address') => void;
  /** Counts one poll of accounts for session revocations that failed (see SessionRevocationWatch). */
  countRevocationPollFailure: () => void;
  /** Counts one operation not in the trusted documents list, refused (enforce) or served (audit). */
  countUntrustedOperation: (action: 'refused' | 'served') => void;
  /** Keeps a subgraph's breaker state, refused fetches and retries (see subgraphCallMetrics). */
  subgraphCallEvents: SubgraphCallEvents;
}

/**
 * The router's /metrics: what every service has (process metrics, client operations
 * through the kit's plugin, with bounded operation names), plus
 * `agora_router_subgraph_fetch_duration_seconds{subgraph, outcome}`,
 * `agora_router_query_plan_cache_lookups_total{result}` (`hit` or `miss`),
 * `agora_router_operations_refused_total{limit}` (operations refused for being over
 * `tokens`, `depth`, `aliases`, `directives` or `cost`; each starts at 0),
 * `agora_router_rate_limited_total{client}` (requests refused 429 by the rate limit,
 * `client` being `user` or `address`; each starts at 0),
 * `agora_router_session_revocation_poll_failures_total` (polls of accounts for revoked
 * sessions that failed; the known ones stay revoked meanwhile),
 * `agora_router_untrusted_operations_total{action}` (operations not in the trusted
 * documents list, `refused` in enforce mode or `served` in audit mode; each starts at
 * 0) and, read from `supergraph` at each scrape, `agora_router_supergraph_loaded` (0 or 1),
 * `agora_router_supergraph_reloads_total` and `agora_router_supergraph_refusals_total`
 * (supergraph files applied and refused since the start), and the breaker metrics of
 * subgraphCallMetrics. Subgraph names come from
 * the supergraph, never from clients.
 */
export function createRouterMetrics(supergraph: () => SupergraphCounts): RouterMetrics {
  const metrics = serviceMetrics<RouterContext>('router');
  const registers = [metrics.registry];
  const fetches = new Histogram({
    name: 'agora_router_subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches by subgraph and outcome (ok, error, refused, unavailable), in seconds.',
    labelNames: ['subgraph', 'outcome'],
    buckets: GRAPHQL_DURATION_BUCKETS,
    registers,
  });
  const planLookups = new Counter({
    name: 'agora_router_query_plan_cache_lookups_total',
    help: 'Query plan cache lookups by result (hit, miss); a miss plans the operation.',
    labelNames: ['result'],
    registers,
  });
  const refusals = new Counter({
    name: 'agora_router_operations_refused_total',
    help: 'Operations refused before planning for being over a limit (tokens, depth, aliases, directives, cost).',
    labelNames: ['limit'],
    registers,
  });
  for (const limit of OPERATION_LIMITS) refusals.inc({ limit }, 0);
  const rateLimited = new Counter({
    name: 'agora_router_rate_limited_total',
    help: 'Requests refused with 429 by the per-client rate limit, by client key (user, address).',
    labelNames: ['client'],
    registers,
  });
  for (const client of ['user', 'address']) rateLimited.inc({ client }, 0);
  const revocationPollFailures = new Counter({
    name: 'agora_router_session_revocation_poll_failures_total',
    help: 'Polls of accounts for revoked sessions that failed (unreachable, refused or timed out).',
    registers,
  });
  const untrusted = new Counter({
    name: 'agora_router_untrusted_operations_total',
    help: 'Operations not in the trusted documents list, by action: refused (enforce mode) or served (audit mode).',
    labelNames: ['action'],
    registers,
  });
  for (const action of ['refused', 'served']) untrusted.inc({ action }, 0);
  new Gauge({
    name: 'agora_router_supergraph_loaded',
    help: '1 once a supergraph serves, else 0.',
    registers,
    collect() {
      this.set(supergraph().loaded ? 1 : 0);
    },
  });
  const total = (name: string, help: string, read: (counts: SupergraphCounts) => number): void => {
    new Counter({
      name,
      help,
      registers,
      collect() {
        // The count lives in the router's supergraph status; the counter mirrors it.
        this.reset();
        this.inc(read(supergraph()));
      },
    });
  };
  total('agora_router_supergraph_reloads_total', 'Supergraph file changes applied.', (c) => c.reloads);
  total('agora_router_supergraph_refusals_total', 'Supergraph file changes refused.', (c) => c.refusals);
  const subgraphCallEvents = subgraphCallMetrics(registers);
  return {
    ...metrics,
    subgraphCallEvents,
    countQueryPlanLookup: (hit) => planLookups.inc({ result: hit ? 'hit' : 'miss' }),
    countOperationRefusal: (limit) => refusals.inc({ limit }),
    countRateLimited: (client) => rateLimited.inc({ client }),
    countRevocationPollFailure: () => revocationPollFailures.inc(),
    countUntrustedOperation: (action) => untrusted.inc({ action }),
    timeSubgraphFetch: (subgraph) => {
      const stop = fetches.startTimer({ subgraph });
      return (outcome) => {
        stop({ outcome });
      };
    },
  };
}
