import { inSpan } from '@agora/telemetry';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, GraphQLError, print, type DocumentNode } from 'graphql';
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
  timeoutMs?: number;
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
  private readonly timeoutMs: number;

  constructor(private readonly options: SubgraphClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /**
   * Runs `document` with `variables` as `as.caller` and answers its data. Throws the
   * callee's coded client error as a GraphQLError with that code, and a plain Error
   * for anything else (a non-2xx status, an uncoded error, no data, the timeout).
   */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    as: { caller: Caller | null; requestId?: string },
  ): Promise<TData> {
    return inSpan(spanName(document), () => this.send(document, variables, as), {
      attributes: { 'url.full': this.options.url },
    });
  }

  private async send<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    as: { caller: Caller | null; requestId?: string },
  ): Promise<TData> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    headers[IDENTITY_HEADER] = await this.options.signer.sign({ caller: as.caller });
    if (as.requestId) headers[REQUEST_ID_HEADER] = as.requestId;
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: queryText(document), variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLBody<TData>;
    const error = body.errors?.[0];
    // A refused request (401: the callee does not trust the identity signed here) is this service's fault.
    if (!response.ok) {
      throw new Error(`${this.options.url} answered HTTP ${response.status}${error ? `: ${error.message}` : ''}`);
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
