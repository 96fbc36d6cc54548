import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHealth,
  createHttpServer,
  createLogger,
  createRequestContext,
  graphqlErrorHandler,
  graphqlRequestChecks,
  graphqlRequestPlugin,
  type Health,
  IDENTITY_HEADER,
  type IdentitySigner,
  identitySignerOf,
  JWKS_PATH,
  type Logger,
  ROUTER_SIGNER,
  routeNotFound,
} from '@agora/subgraph-kit';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { PlannerAliasGuard } from './alias-guard';
import { createTokenVerifier } from './auth';
import { applyGatewayEnvironment, operationLimitsOf, type RouterConfig, subgraphUrlKey } from './config';
import { type RouterContext, SubgraphDataSource } from './data-source';
import { logUnexpectedRouterErrors, maskRouterError } from './errors';
import { createRouterMetrics, type RouterMetrics } from './metrics';
import { operationLimitGuard } from './operation-limits';
import { countingQueryPlanCache } from './query-plan-cache';
import { createRequestRateLimit, type RequestRateLimit } from './rate-limit';
import { requestLogging, requestScope } from './request-log';
import { type ReloadOutcome, supergraphFromFile } from './supergraph';

/**
 * Longer than the idle timeout of load balancers in front of the router (60 s is
 * common), so they never reuse a socket the router is closing.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface SupergraphStatus {
  loaded: boolean;
  reloads: number;
  refusals: number;
  lastRefusal: string | null;
}

export interface Router {
  app: express.Express;
  gateway: ApolloGateway;
  server: ApolloServer<RouterContext>;
  httpServer: Server;
  logger: Logger;
  /** What /ready reports: whether a supergraph serves, and what became of the latest file changes. */
  supergraphStatus: () => SupergraphStatus;
  /** /live, and /ready (and /health): a supergraph loaded and not shutting down. */
  health: Health;
  /** The per-client request limit on /graphql (health and metrics routes are not limited). */
  rateLimit: RequestRateLimit;
  /** Loads the supergraph, mounts /graphql and listens; port 0 picks a free port. */
  start: (port?: number, host?: string) => Promise<{ url: string; port: number }>;
  stop: () => Promise<void>;
}

function createGateway(
  config: RouterConfig,
  logger: Logger,
  status: SupergraphStatus,
  metrics: RouterMetrics,
  signer: Promise<IdentitySigner>,
): ApolloGateway {
  applyGatewayEnvironment(config);
  const onReload = (outcome: ReloadOutcome): void => {
    if (outcome.ok) {
      status.reloads += 1;
    } else {
      status.refusals += 1;
      status.lastRefusal = outcome.reason;
    }
  };
  return new ApolloGateway({
    logger: logger.child({ component: 'gateway' }),
    supergraphSdl: supergraphFromFile({ path: config.SUPERGRAPH_PATH, logger, onReload }),
    queryPlannerConfig: { cache: countingQueryPlanCache(metrics.countQueryPlanLookup) },
    buildService: ({ name, url }) => {
      const routingUrl = config.SUBGRAPH_URLS[subgraphUrlKey(name)] ?? url;
      if (!routingUrl) throw new Error(`Subgraph ${name} has no routing URL in the supergraph.`);
      return new SubgraphDataSource({
        name,
        url: routingUrl,
        signer,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        timeFetch: metrics.timeSubgraphFetch,
      });
    },
  });
}

/** The federation router, testable in-process: nothing listens until `start`. */
export function createRouter(config: RouterConfig, logger = createLogger('router', config.LOG_LEVEL)): Router {
  const app = express();
  app.disable('x-powered-by');
  // req.ip: the TCP peer, or with TRUST_PROXY hops the address that many proxies saw in X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY);
  // Answers what Node's HTTP parser refuses (431, 400, 408) in the GraphQL JSON error shape too.
  const httpServer = createHttpServer(app, logger);
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  const status: SupergraphStatus = { loaded: false, reloads: 0, refusals: 0, lastRefusal: null };
  const metrics = createRouterMetrics(() => status);
  const signer = identitySignerOf(
    ROUTER_SIGNER,
    {
      key: config.ROUTER_SIGNING_KEY,
      previousPublicKeys: config.ROUTER_SIGNING_KEY_PREVIOUS_PUBLIC_KEYS,
      variable: 'ROUTER_SIGNING_KEY',
    },
    logger,
  );
  // Awaited by start (which fails if the key does not import); this keeps a failure before then from going unhandled.
  signer.catch(() => undefined);
  const gateway = createGateway(config, logger, status, metrics, signer);
  const aliasGuard = new PlannerAliasGuard();
  const limits = operationLimitGuard(operationLimitsOf(config), metrics.countOperationRefusal);
  const rateLimit = createRequestRateLimit(
    {
      requests: config.RATE_LIMIT_REQUESTS,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      redisUrl: config.REDIS_URL,
      keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
    },
    logger,
    metrics.countRateLimited,
  );
  // Registered before Apollo Server's own listener, so the guard knows a new schema before any request uses it.
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    aliasGuard.load(apiSchema, coreSupergraphSdl);
    status.loaded = true;
  });

  const production = config.NODE_ENV === 'production';
  const server = new ApolloServer<RouterContext>({
    gateway,
    logger,
    introspection: config.INTROSPECTION,
    validationRules: [aliasGuard.rule],
    formatError: maskRouterError,
    includeStacktraceInErrorResponses: false,
    // index.ts stops on SIGINT/SIGTERM; a second handler here would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      graphqlRequestPlugin<RouterContext>(),
      limits.plugin,
      logUnexpectedRouterErrors(),
      metrics.plugin,
    ],
  });

  const verifyToken = createTokenVerifier({
    jwksUrl: config.ACCOUNTS_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });

  const health = createHealth({ checks: { supergraph: () => status.loaded }, details: () => ({ supergraph: status }) });
  app.use(health.routes);

  app.get('/metrics', metrics.route);
  // The router's public keys, for subgraphs verifying its identity tokens: no token and no rate limit.
  app.get(JWKS_PATH, async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=60');
    res.json((await signer).jwks);
  });

  let started = false;
  const start: Router['start'] = async (port = config.PORT, host = config.HOST) => {
    await signer;
    await server.start();
    started = true;
    app.all(
      '/graphql',
      requestLogging(logger),
      cors({ origin: config.CORS_ORIGINS, exposedHeaders: ['x-request-id', 'retry-after'], maxAge: 600 }),
      ...graphqlRequestChecks({ persistedQueries: true, checkQueryText: limits.checkQueryText }),
      expressMiddleware(server, {
        context: ({ req }) => {
          const { requestId, log } = requestScope(req, logger);
          // An invalid token is a 401; accounts' JWKS unreachable is a fault, logged with the request id.
          return createRequestContext(log, async () => {
            // The client's own identity header is never trusted or forwarded (see SubgraphDataSource).
            if (req.header(IDENTITY_HEADER)) log.warn('client sent an identity header; ignored');
            const caller = await verifyToken(req.header('authorization'));
            const clientAddress = req.ip ?? req.socket.remoteAddress ?? 'unknown';
            // Counted before planning: a refused request costs one store round trip.
            await rateLimit.consume(
              caller ? { kind: 'user', userId: caller.userId } : { kind: 'address', address: clientAddress },
            );
            return { caller, clientAddress, requestId, log };
          });
        },
      }),
    );
    app.use(routeNotFound);
    app.use(graphqlErrorHandler((req) => requestScope(req, logger).log));
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    const actualPort = (httpServer.address() as AddressInfo).port;
    const shownHost = host === '0.0.0.0' ? 'localhost' : host;
    return { url: `http://${shownHost}:${actualPort}/graphql`, port: actualPort };
  };

  return {
    app,
    gateway,
    server,
    httpServer,
    logger,
    supergraphStatus: () => ({ ...status }),
    health,
    rateLimit,
    start,
    // ApolloServer.stop drains the HTTP server and stops the gateway (and its file watcher).
    stop: async () => {
      if (started) await server.stop();
      await rateLimit.close();
    },
  };
}
