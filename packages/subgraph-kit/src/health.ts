import express from 'express';
import type { Logger } from './logger';
import { within } from './within';

/** One thing a service needs before it takes traffic (its store, a supergraph); throwing counts as false. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** A check that has not answered by then counts as failing, so a store that hangs does not hang the probe. */
const CHECK_TIMEOUT_MS = 2_000;

export interface HealthOptions {
  /** What /ready checks, by the name its body reports (`store`, `supergraph`). */
  checks: Record<string, ReadinessCheck>;
  /** More facts /ready reports beside the checks (the router's supergraph reloads). */
  details?: () => Record<string, unknown>;
}

/**
 * What a process says about itself to a load balancer or orchestrator:
 *
 * - `GET /live`: 200 `{"status":"ok"}` whenever the process answers; no dependency is checked,
 *   so a store outage never gets the process restarted.
 * - `GET /ready`: 200 `{"status":"ok","checks":{"store":"ok"}}` when every check passes; 503
 *   `{"status":"unavailable","checks":{"store":"failing"}}` naming the failing ones; 503
 *   `{"status":"shutting down"}` once `beginShutdown` was called.
 * - `GET /health`: the same answer as `/ready` (the name older scripts probe).
 */
export interface Health {
  /** Express routes for /live, /ready and /health. */
  routes: express.Router;
  /** From now on /ready answers 503 "shutting down"; /live keeps answering 200. */
  beginShutdown: () => void;
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  try {
    return await within(Promise.resolve().then(check), CHECK_TIMEOUT_MS, () => false);
  } catch {
    return false;
  }
}

/** The liveness and readiness of one process (router or subgraph); see `Health` for the answers. */
export function createHealth(options: HealthOptions): Health {
  let shuttingDown = false;
  const routes = express.Router();

  routes.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const ready: express.RequestHandler = (_req, res, next) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const names = Object.keys(options.checks);
    Promise.all(names.map((name) => passes(options.checks[name] as ReadinessCheck))).then((results) => {
      const ok = results.every(Boolean);
      const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failing']));
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks, ...options.details?.() });
    }, next);
  };
  routes.get('/ready', ready);
  routes.get('/health', ready);

  return {
    routes,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}

export interface GracefulShutdownOptions {
  health: Health;
  /** How long /ready fails before the server stops taking connections (SHUTDOWN_GRACE_MS). */
  graceMs: number;
  logger: Logger;
  /** Drains the HTTP server (in-flight requests finish), then releases the store. */
  stop: () => Promise<void>;
}

/**
 * Shuts a process down in the order a load balancer needs: /ready fails first, then,
 * after `graceMs` (for the balancer or Kubernetes' endpoint controller to notice and
 * stop sending traffic), `stop` drains in-flight requests and closes the store.
 * New requests are still served during the grace period.
 */
export async function shutDownGracefully(options: GracefulShutdownOptions): Promise<void> {
  options.health.beginShutdown();
  if (options.graceMs > 0) {
    options.logger.info({ graceMs: options.graceMs }, 'not ready; draining after the grace period');
    await new Promise((resolve) => setTimeout(resolve, options.graceMs));
  }
  await options.stop();
}
