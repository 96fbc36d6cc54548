import { inSpan } from '@agora/telemetry';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, GraphQLError, OperationTypeNode, print, type DocumentNode } from 'graphql';
import { type BreakerSettings, CalleeStatusError, DEFAULT_BREAKER } from './breaker';
import { CallGuard } from './call-guard';
import { clientMetricEvents } from './client-metrics';
import { type Deadline, DEADLINE_HEADER } from './deadline';
import { isClientError } from './errors';
import { IDENTITY_HEADER, type Caller } from './identity';
import type { IdentitySigner } from './identity-signer';
import { REQUEST_ID_HEADER } from './http';

/** The role a subgraph holds when it calls another on its own behalf (never a user's). */
export const SERVICE_ROLE = 'service';

/**
 * The caller a service presents for its own calls, e.g. `serviceCaller('orders')`: what a
 * callee sees when a token signed with that service's own key arrives (see requireService).
 */
export function serviceCaller(service: string): Caller {
  return { userId: `service:${service}`, roles: [SERVICE_ROLE], service };
}

export interface SubgraphClientOptions {
  /** The other subgraph's GraphQL URL (called directly, not through the router). */
  url: string;
  /**
   * This service's own signer (`iss` = its name): each call carries a token the callee
   * verifies against this service's JWKS (see TRUSTED_SIGNERS).
   */
  signer: IdentitySigner;
  /** The longest one call may take, in milliseconds (default 5 000); a deadline shortens it. */
  timeoutMs?: number;
  /** The callee's name, in errors and metrics (`callee` label); the URL's host:port by default. */
  name?: string;
  /** The callee's circuit breaker (default DEFAULT_BREAKER: 5 failures in a row, a probe after 5 s). */
  breaker?: BreakerSettings;
  /** Retries of a query after a network error or a 5xx (default 2; mutations are never retried). */
  maxRetries?: number;
}

/** Who a call is made as, and for which request: its id and its deadline go along. */
export interface CallAs {
  caller: Caller | null;
  requestId?: string;
  /** The request's deadline (BaseContext.deadline); without one the call keeps the client's own timeout. */
  deadline?: Deadline;
}

/** Each document's text, printed once. */
const queryTexts = new WeakMap<DocumentNode, string>();

function queryText(document: DocumentNode): string {
  let text = queryTexts.get(document);
  if (text === undefined) {
    text = print(document);
    queryTexts.set(document, text);
  }
  return text;
}

/** The span of a call: `subgraph.request <OperationName>`. */
function spanName(document: DocumentNode): string {
  return `subgraph.request ${getOperationAST(document)?.name?.value ?? 'anonymous'}`;
}

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * Calls another subgraph over GraphQL, as a user (passing their identity on) or as a
 * service, with a typed document of the callee's contract (`@agora/contracts`): the
 * variables and the answer have the types generated from the callee's schema. The
 * request id goes along, so the callee's log lines carry it. A coded client error from
 * the callee's operation (BAD_USER_INPUT, CONFLICT, …) is rethrown with its code and
 * message, so a caller's rules can answer with it; anything else is an unexpected
 * failure, a callee refusing the whole request with a 4xx status included
 * (UNAUTHENTICATED 401 when the callee does not trust this service's signer): the request was
 * built here. Each call is a client span named after the operation; Node's fetch
 * instrumentation carries its trace context to the callee (`traceparent`).
 */
export class SubgraphClient {
  private readonly guard: CallGuard;

  constructor(private readonly options: SubgraphClientOptions) {
    const callee = options.name ?? new URL(options.url).host;
    this.guard = new CallGuard({
      callee,
      timeoutMs: options.timeoutMs ?? 5_000,
      breaker: options.breaker ?? DEFAULT_BREAKER,
      maxRetries: options.maxRetries,
      events: clientMetricEvents(callee),
    });
  }

  /**
   * Runs `document` with `variables` as `as.caller` and answers its data. Throws the
   * callee's coded client error as a GraphQLError with that code, and a plain Error
   * for anything else (a non-2xx status, an uncoded error, no data, the timeout). Each
   * call is bounded by min(timeoutMs, `as.deadline`'s time left minus DEADLINE_MARGIN_MS)
   * and tells the callee that budget (DEADLINE_HEADER); with no time left, or while the
   * callee's circuit is open (see CallGuard), it is not sent and throws
   * SERVICE_UNAVAILABLE (`deadline: 'exceeded'` or `circuit: 'open'`). Queries are
   * retried after a network error or a 5xx; mutations never are.
   */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    as: CallAs,
  ): Promise<TData> {
    const idempotent = getOperationAST(document)?.operation === OperationTypeNode.QUERY;
    return inSpan(
      spanName(document),
      () =>
        this.guard.call({ deadline: as.deadline, idempotent }, (budgetMs) =>
          this.send(document, variables, as, budgetMs),
        ),
      { attributes: { 'url.full': this.options.url } },
    );
  }

  private async send<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    as: CallAs,
    budgetMs: number,
  ): Promise<TData> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    headers[IDENTITY_HEADER] = await this.options.signer.sign({ caller: as.caller });
    if (as.requestId) headers[REQUEST_ID_HEADER] = as.requestId;
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { ...headers, [DEADLINE_HEADER]: String(budgetMs) },
      body: JSON.stringify({ query: queryText(document), variables }),
      signal: AbortSignal.timeout(budgetMs),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLBody<TData>;
    const error = body.errors?.[0];
    // A refused request (401: the callee does not trust the identity signed here) is this service's fault.
    if (!response.ok) {
      throw new CalleeStatusError(
        response.status,
        `${this.options.url} answered HTTP ${response.status}${error ? `: ${error.message}` : ''}`,
      );
    }
    if (error) {
      const code = error.extensions?.code;
      if (isClientError(code)) throw new GraphQLError(error.message, { extensions: { ...error.extensions } });
      throw new Error(`${this.options.url} answered: ${error.message}`);
    }
    if (!body.data) throw new Error(`${this.options.url} answered no data`);
    return body.data;
  }
}
