import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { tagRequest } from '@agora/telemetry';
import { pinoHttp } from 'pino-http';
import { graphqlErrorHandler, routeNotFound } from './error-responses';
import { subgraphClientMetrics } from './client-metrics';
import { DEADLINE_HEADER, deadlineFromHeader } from './deadline';
import { createHealth, type Health } from './health';
import { createHttpServer } from './http-server';
import { IDENTITY_HEADER, JWKS_PATH } from './identity';
import { type IdentitySigner, jwksRoute } from './identity-signer';
import type { IdentityVerifier } from './identity-verifier';
import { type Logger, loggedRequest } from './logger';
import { type Metric, type PoolUsage, serviceMetrics } from './metrics';
import type { OperationMetricsOptions } from './operation-metrics';
import { graphqlRequestChecks } from './request-checks';
import { createRequestContext } from './request-context';
import { graphqlRequestPlugin } from './request-plugin';
import { securityHeaders } from './security-headers';
import type { BaseContext } from './server';
import { flushTraces } from './trace-flush';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is reused (so logs line up across systems) only when it looks like an id. */
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request id a caller offered in `x-request-id` when it looks like one, else a new UUID. */
export function requestIdFrom(offered: string | undefined): string {
  return offered !== undefined && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * Longer than the router's idle socket timeout, so the router never writes to a
 * socket the subgraph is closing (apollographql/federation#2313).
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface ServeOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  port: number;
  host?: string;
  /** Checks the signed identity every /graphql request must carry (see createIdentityVerifier). */
  verifier: IdentityVerifier;
  /** A subgraph that calls others: its signer, whose public keys GET /.well-known/jwks.json serves. */
  signer?: IdentitySigner;
  logger: Logger;
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  routes?: (app: express.Express) => void;
  isReady?: () => Promise<boolean>;
  /** The `service` label on its metrics (default `subgraph`). */
  name?: string;
  /** The database pool whose clients GET /metrics reports (Prometheus text, see `serviceMetrics`). */
  pool?: PoolUsage;
  /** How operations are labelled (the operation-name bound). */
  operationMetrics?: OperationMetricsOptions;
  /** The service's own metrics, served on /metrics beside the kit's. */
  metrics?: Metric[];
}

export interface RunningSubgraph {
  url: string;
  port: number;
  httpServer: Server;
  /** Its /live and /ready; `shutDownGracefully` fails /ready before `stop`. */
  health: Health;
  stop: () => Promise<void>;
}

/**
 * Serves a subgraph over HTTP: /graphql, /live, /ready and /health (`isReady` as the
 * store check; see `Health`), /metrics, and a signer's /.well-known/jwks.json; request
 * ids. /graphql answers only requests with a signed identity from a trusted signer
 * (`verifier`; 401 UNAUTHENTICATED otherwise, anonymous callers carry one too). Every refused request and
 * every failure is a GraphQL JSON response (see
 * `graphqlRequestChecks`, `graphqlErrorHandler`, `createRequestContext`, and
 * `createHttpServer` for what Node's HTTP parser refuses); unknown routes get 404 NOT_FOUND.
 * Subgraphs take no persisted queries: the router sends the query text.
 */
export async function serveSubgraph<TContext extends BaseContext>(
  options: ServeOptions<TContext>,
): Promise<RunningSubgraph> {
  const app = express();
  app.use(securityHeaders({ landingPage: true }));
  const httpServer = createHttpServer(app, options.logger);
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  options.server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  options.server.addPlugin(graphqlRequestPlugin<TContext>());
  const metrics = serviceMetrics<TContext>(options.name ?? 'subgraph', {
    ...options.operationMetrics,
    pool: options.pool,
    own: [...subgraphClientMetrics(), ...(options.metrics ?? [])],
  });
  options.server.addPlugin(metrics.plugin);
  await options.server.start();

  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req) => tagRequest(requestIdFrom(req.headers[REQUEST_ID_HEADER]?.toString())),
      autoLogging: { ignore: () => options.logger.level !== 'debug' && options.logger.level !== 'trace' },
      // Bound to every line req.log writes: pino-http's own would dump every request header.
      serializers: {
        req: loggedRequest,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  const health = createHealth({ checks: { store: options.isReady ?? (() => true) } });
  app.use(health.routes);
  app.get('/metrics', metrics.route);
  if (options.signer) app.get(JWKS_PATH, jwksRoute(options.signer));
  options.routes?.(app);
  app.all(
    '/graphql',
    ...graphqlRequestChecks({ persistedQueries: false }),
    expressMiddleware(options.server, {
      context: ({ req }) =>
        createRequestContext(req.log, async () => {
          // Read first: the time left runs from when the request arrived, not from when identity checks end.
          const deadline = deadlineFromHeader(req.header(DEADLINE_HEADER));
          const { caller, clientAddress } = await options.verifier.verify(req.header(IDENTITY_HEADER));
          return options.createContext({ caller, clientAddress, requestId: req.id as string, log: req.log, deadline });
        }),
    }),
  );
  app.use(routeNotFound);
  app.use(graphqlErrorHandler((req) => req.log));

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    httpServer,
    health,
    stop: () => options.server.stop(),
  };
}

/**
 * Runs `stop` once on SIGINT/SIGTERM, exports the spans still buffered (flushTraces),
 * then exits (1 when `stop` fails). Pass a `shutDownGracefully`: fail /ready, wait the
 * grace period, drain HTTP, release the store.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => flushTraces())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
