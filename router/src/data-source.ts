import { type BaseContext, IDENTITY_HEADER, type IdentitySigner, REQUEST_ID_HEADER } from '@agora/subgraph-kit';
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
  timeoutMs: number;
  /** Times each fetch for the router's metrics. */
  timeFetch?: SubgraphFetchTimer;
}

/**
 * Node's global fetch (undici) keeps connections to each subgraph alive and reuses
 * them; the signal bounds every subgraph call so one slow service cannot hold a
 * client request open forever.
 */
export function timedFetcher(timeoutMs: number): Fetcher {
  return async (url, init) => {
    const response: FetcherResponse = await fetch(url, {
      method: init?.method,
      headers: init?.headers,
      body: init?.body,
      signal: AbortSignal.timeout(timeoutMs),
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

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: timedFetcher(options.timeoutMs) });
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

  /** A subgraph that is down or too slow becomes one readable error; the rest of the response still comes back. */
  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const recordFetch = this.options.timeFetch?.(this.options.name);
    try {
      const response = await super.process(options);
      recordFetch?.(response.errors?.length ? 'error' : 'ok');
      return response;
    } catch (error) {
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
