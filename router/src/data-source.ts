import {
  type BaseContext,
  type BreakerSettings,
  CallGuard,
  type CallGuardEvents,
  DEADLINE_HEADER,
  IDENTITY_HEADER,
  type IdentitySigner,
  REQUEST_ID_HEADER,
} from '@agora/subgraph-kit';
import { tagSubgraphFetch } from '@agora/telemetry';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { SubgraphFetchTimer } from './metrics';

// Named through the gateway's own types rather than its transitive packages.
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type ProcessOptions = GraphQLDataSourceProcessOptions<RouterContext>;

/** The gateway does not export its request-kind enum; only client operations carry a request context. */
function isClientOperation(
  options: ProcessOptions,
): options is Extract<ProcessOptions, { incomingRequestContext: unknown }> {
  return 'incomingRequestContext' in options;
}

/** The router's per-request context (the same shape subgraphs start from). */
export type RouterContext = BaseContext;

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** The router's signer (ROUTER_SIGNING_KEY): every client operation's subgraph requests carry its token. */
  signer: Promise<IdentitySigner>;
  /** The longest one fetch may take (milliseconds); the request's deadline shortens it. */
  timeoutMs: number;
  /** The subgraph's circuit breaker. */
  breaker: BreakerSettings;
  /** Times each fetch for the router's metrics. */
  timeFetch?: SubgraphFetchTimer;
  /** Hears the breaker's state changes, refused fetches and retries (for metrics). */
  callEvents?: CallGuardEvents;
}

/** The status of a non-2xx answer, as errorFromResponse keeps it in `extensions.response`. */
function responseStatusOf(error: unknown): number | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions.response as { status?: unknown } | undefined;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/** Fetches the query planner writes start with `query` (or `{`); mutations are never sent twice. */
function isQueryFetch(options: ProcessOptions): boolean {
  return /^\s*(query\b|\{)/.test(options.request.query ?? '');
}

/**
 * Node's global fetch (undici) keeps connections to each subgraph alive and reuses
 * them; the signal bounds every subgraph call so one slow service cannot hold a
 * client request open forever: by the budget `process` tells the subgraph in
 * DEADLINE_HEADER, else by `timeoutMs`.
 */
export function timedFetcher(timeoutMs: number): Fetcher {
  return async (url, init) => {
    const budgetMs = Number(new Headers(init?.headers).get(DEADLINE_HEADER) ?? Number.NaN);
    const response: FetcherResponse = await fetch(url, {
      method: init?.method,
      headers: init?.headers,
      body: init?.body,
      signal: AbortSignal.timeout(budgetMs > 0 ? Math.min(budgetMs, timeoutMs) : timeoutMs),
    });
    return response;
  };
}

/**
 * Sends each subgraph request with one token signed by the router (IDENTITY_HEADER,
 * anonymous callers included): the caller's user id and roles, and the client's address
 * (`addr`, for per-address limits such as accounts' log-in); and the request id. Nothing
 * else from the client is forwarded: the gateway builds subgraph requests with fresh
 * headers, and the identity header is set (or removed) here, so a client can never pass its own.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  /** One signature per client request, shared by all of its subgraph calls. */
  private readonly signatures = new WeakMap<RouterContext, Promise<string>>();
  /** The subgraph's deadline budget, circuit breaker and query retries. */
  private readonly guard: CallGuard;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: timedFetcher(options.timeoutMs) });
    this.guard = new CallGuard({
      callee: options.name,
      timeoutMs: options.timeoutMs,
      breaker: options.breaker,
      statusOf: responseStatusOf,
      events: options.callEvents,
    });
  }

  override async willSendRequest(options: ProcessOptions): Promise<void> {
    tagSubgraphFetch(this.options.name);
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.delete(IDENTITY_HEADER);
    if (!isClientOperation(options)) return;
    const context = options.context;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    headers.set(IDENTITY_HEADER, await this.signatureFor(context));
  }

  /**
   * A subgraph that is down or too slow becomes one readable error; the rest of the
   * response still comes back. Each fetch goes through the subgraph's CallGuard: bounded
   * by the client request's deadline (and telling the subgraph its budget in
   * DEADLINE_HEADER), refused at once while the subgraph's circuit is open or the
   * deadline has passed (SERVICE_UNAVAILABLE with `circuit: 'open'` or
   * `deadline: 'exceeded'`), and for queries retried after a network error or a 5xx.
   */
  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const recordFetch = this.options.timeFetch?.(this.options.name);
    const deadline = isClientOperation(options) ? options.context.deadline : undefined;
    try {
      const response = await this.guard.call({ deadline, idempotent: isQueryFetch(options) }, (budgetMs) => {
        options.request.http ??= { method: 'POST', url: this.options.url, headers: new Headers() };
        options.request.http.headers.set(DEADLINE_HEADER, String(budgetMs));
        return super.process(options);
      });
      recordFetch?.(response.errors?.length ? 'error' : 'ok');
      return response;
    } catch (error) {
      // Refused by the guard: nothing was fetched (counted in agora_router_subgraph_fetches_refused_total).
      if (error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE') throw error;
      // A GraphQLError here is errorFromResponse's: the subgraph answered a non-2xx status.
      recordFetch?.(error instanceof GraphQLError ? 'refused' : 'unavailable');
      if (error instanceof GraphQLError) throw error;
      if (isClientOperation(options)) {
        options.context.log.warn({ err: error, subgraph: this.options.name }, 'subgraph request failed');
      }
      throw new GraphQLError(`The ${this.options.name} service is unavailable.`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: this.options.name },
      });
    }
  }

  /**
   * A subgraph answering a non-2xx status refuses a request the router built, its signed
   * identity included (a 401 means the subgraph does not trust the router's key: its TRUSTED_SIGNERS): the router's
   * fault, never the client's. The gateway's UNAUTHENTICATED / FORBIDDEN for a 401 / 403
   * is dropped, so the error is masked and logged like any other fault.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const { code: _gatewayCode, ...extensions } = error.extensions;
    return new GraphQLError(`The ${this.options.name} service refused the request: ${error.message}`, {
      extensions,
    });
  }

  private signatureFor(context: RouterContext): Promise<string> {
    let signature = this.signatures.get(context);
    if (!signature) {
      signature = this.options.signer.then((signer) =>
        signer.sign({ caller: context.caller, clientAddress: context.clientAddress }),
      );
      this.signatures.set(context, signature);
    }
    return signature;
  }
}
