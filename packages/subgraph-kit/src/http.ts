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
import { createHttpServer } from './http-server';
import { IDENTITY_HEADER, verifyIdentity } from './identity';
import { type Logger, loggedRequest } from './logger';
import { graphqlRequestChecks } from './request-checks';
import { createRequestContext } from './request-context';
import { graphqlRequestPlugin } from './request-plugin';
import type { BaseContext } from './server';

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
  identitySecret: string;
  logger: Logger;
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  routes?: (app: express.Express) => void;
  isReady?: () => Promise<boolean>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  httpServer: Server;
  stop: () => Promise<void>;
}

/**
 * Serves a subgraph over HTTP: /graphql, /health, request ids, caller identity. Every
 * refused request and every failure is a GraphQL JSON response (see
 * `graphqlRequestChecks`, `graphqlErrorHandler`, `createRequestContext`, and
 * `createHttpServer` for what Node's HTTP parser refuses); unknown routes get 404 NOT_FOUND.
 * Subgraphs take no persisted queries: the router sends the query text.
 */
export async function serveSubgraph<TContext extends BaseContext>(
  options: ServeOptions<TContext>,
): Promise<RunningSubgraph> {
  const app = express();
  const httpServer = createHttpServer(app, options.logger);
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  options.server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  options.server.addPlugin(graphqlRequestPlugin<TContext>());
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

  app.get('/health', (_req, res) => {
    const ready = options.isReady ? options.isReady() : Promise.resolve(true);
    ready.then(
      (ok) => res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' }),
      () => res.status(503).json({ status: 'unavailable' }),
    );
  });
  options.routes?.(app);
  app.all(
    '/graphql',
    ...graphqlRequestChecks({ persistedQueries: false }),
    expressMiddleware(options.server, {
      context: ({ req }) =>
        createRequestContext(req.log, async () => {
          const caller = await verifyIdentity(req.header(IDENTITY_HEADER), options.identitySecret);
          return options.createContext({ caller, requestId: req.id as string, log: req.log });
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
    stop: () => options.server.stop(),
  };
}

/** Stops cleanly on SIGINT/SIGTERM: drain HTTP, then release resources. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
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
