import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client';
import { type OperationMetricsOptions, operationMetricsPlugin } from './operation-metrics';

/**
 * A service's own metrics registry, labelled `service="<name>"`, with Node's process
 * metrics (`process_*`, `nodejs_*`). Each service has its own rather than prom-client's
 * global one, so several services started in one process (tests) keep apart.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** GET /metrics: the registry in the Prometheus text format (`text/plain; version=0.0.4`). */
export function metricsRoute(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry.metrics().then((text) => {
      res.set('content-type', registry.contentType).send(text);
    }, next);
  };
}

/** What a connection pool tells of its clients (node-postgres' `Pool` has these). */
export interface PoolUsage {
  /** Clients open, busy or idle. */
  totalCount: number;
  /** Clients open and not checked out. */
  idleCount: number;
  /** Requests queued for a client because all `max` are busy. */
  waitingCount: number;
}

/**
 * Gauges read from the pool at each scrape: `agora_db_pool_clients_in_use`,
 * `agora_db_pool_clients_idle` and `agora_db_pool_requests_waiting`.
 */
export function registerPoolMetrics(registry: Registry, pool: PoolUsage): void {
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  };
  gauge('agora_db_pool_clients_in_use', 'Database clients checked out of the pool.', () =>
    Math.max(0, pool.totalCount - pool.idleCount),
  );
  gauge('agora_db_pool_clients_idle', 'Database clients open and idle in the pool.', () => pool.idleCount);
  gauge('agora_db_pool_requests_waiting', 'Requests waiting for a database client.', () => pool.waitingCount);
}

export type { Metric };

/** A served service's metrics: its registry, the plugin that records operations, the /metrics route. */
export interface ServiceMetrics<TContext extends object> {
  registry: Registry;
  plugin: ApolloServerPlugin<TContext>;
  route: RequestHandler;
}

/**
 * Everything `/metrics` serves for one service: process metrics, GraphQL operations
 * (`operationMetricsPlugin`), given its pool the database pool gauges, and the
 * service's `own` metrics (business and event metrics, created with `registers: []`).
 */
export function serviceMetrics<TContext extends object>(
  service: string,
  options: OperationMetricsOptions & { pool?: PoolUsage; own?: Metric[] } = {},
): ServiceMetrics<TContext> {
  const registry = createMetricsRegistry(service);
  if (options.pool) registerPoolMetrics(registry, options.pool);
  for (const metric of options.own ?? []) registry.registerMetric(metric);
  return { registry, plugin: operationMetricsPlugin<TContext>(registry, options), route: metricsRoute(registry) };
}
