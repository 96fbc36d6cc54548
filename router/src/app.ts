import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  breakerSettingsOf,
  createHealth,
  createHttpServer,
  createLogger,
  createRequestContext,
  Deadline,
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
  securityHeaders,
} from '@agora/subgraph-kit';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
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
import { ACCOUNTS_SUBGRAPH, SessionRevocationWatch } from './session-revocations';
import { type ReloadOutcome, supergraphFromFile } from './supergraph';
import { readTrustedDocuments, trustedDocumentsGuard } from './trusted-documents';

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
  /** The revoked sessions whose access tokens are refused, learnt from accounts. */
  revocations: SessionRevocationWatch;
  /** Loads the supergraph, mounts /graphql and listens; port 0 picks a free port. */
  start: (port?: number, host?: string) => Promise<{ url: string; port: number }>;
  stop: () => Promise<void>;
}

function createGateway(
  config: RouterConfig,
  logger: Logger,
  status: SupergraphStatus,
  metrics: RouterMetrics,
  revocations: SessionRevocationWatch,
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
      if (name === ACCOUNTS_SUBGRAPH) revocations.useAccountsUrl(routingUrl);
      return new SubgraphDataSource({
        name,
        url: routingUrl,
        signer,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        breaker: breakerSettingsOf(config),
        timeFetch: metrics.timeSubgraphFetch,
        callEvents: metrics.subgraphCallEvents(name),
      });
    },
  });
}

/** The federation router, testable in-process: nothing listens until `start`. */
export function createRouter(config: RouterConfig, logger = createLogger('router', config.LOG_LEVEL)): Router {
  const production = config.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  // First, so every answer carries them: health, metrics, 404s and refusals too.
  app.use(securityHeaders({ landingPage: !production }));
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
  const revocations = new SessionRevocationWatch(
    {
      pollMs: config.SESSION_REVOCATION_POLL_MS,
      retentionMs: config.SESSION_REVOCATION_RETENTION_SECONDS * 1_000,
      signer,
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    },
    logger.child({ component: 'session-revocations' }),
    metrics.countRevocationPollFailure,
  );
  const gateway = createGateway(config, logger, status, metrics, revocations, signer);
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
      // Production serves no page at all: a GET from a browser gets a JSON error, not an invitation.
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      graphqlRequestPlugin<RouterContext>(),
      limits.plugin,
      logUnexpectedRouterErrors(),
      metrics.plugin,
    ],
  });

  // Read once at the start: a list that cannot be read or does not fit stops the router here.
  const trustedDocuments =
    config.TRUSTED_DOCUMENTS_MODE === 'off' || !config.TRUSTED_DOCUMENTS
      ? []
      : [
          trustedDocumentsGuard({
            mode: config.TRUSTED_DOCUMENTS_MODE,
            operations: readTrustedDocuments(config.TRUSTED_DOCUMENTS),
            onUntrusted: metrics.countUntrustedOperation,
            logOf: (req) => requestScope(req, logger).log,
          }),
        ];

  const verifyToken = createTokenVerifier({
    jwksUrl: config.ACCOUNTS_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    isSessionRevoked: (sessionId) => revocations.isRevoked(sessionId),
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
      ...trustedDocuments,
      expressMiddleware(server, {
        context: ({ req }) => {
          const { requestId, log } = requestScope(req, logger);
          // Set first: the request's time runs from here, whatever verifying the token and counting cost.
          const deadline = Deadline.after(config.REQUEST_TIMEOUT_MS);
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
            return { caller, clientAddress, requestId, log, deadline };
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
    // After listening: accounts verifies the router's call against the JWKS the router serves.
    await revocations.start();
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
    revocations,
    start,
    // ApolloServer.stop drains the HTTP server and stops the gateway (and its file watcher).
    stop: async () => {
      if (started) await server.stop();
      await revocations.stop();
      await rateLimit.close();
    },
  };
}
