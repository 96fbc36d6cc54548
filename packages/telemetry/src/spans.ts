import {
  type Attributes,
  context,
  type Context,
  type Link,
  type Span,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';

// Without a started SDK every call below meets the API's no-op tracer and propagator:
// no span is recorded and no header or field is written.
const tracer = trace.getTracer('@agora/telemetry');

/** The span attribute holding the request id every log line of the request carries. */
export const REQUEST_ID_ATTRIBUTE = 'agora.request_id';

/** The span attribute naming the subgraph a fetch goes to. */
export const SUBGRAPH_ATTRIBUTE = 'agora.subgraph';

/**
 * Puts `requestId` on the request's server span (the http instrumentation's, found through
 * the context even while a middleware's span is active; else the active span), so logs
 * and traces join. Answers `requestId`.
 */
export function tagRequest(requestId: string): string {
  serverSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
  return requestId;
}

/** The request's server span (the http instrumentation's), else the active span. */
function serverSpan(): Span | undefined {
  const active = context.active();
  return getRPCMetadata(active)?.span ?? trace.getSpan(active);
}

/** The names tagOperation gave server spans, applied when the span ends (see sdk.ts). */
const operationNames = new WeakMap<Span, string>();

/**
 * Names the request's server span after its GraphQL operation (`mutation Checkout`, as
 * the GraphQL conventions name an operation's span; `http.route` keeps the path) and
 * puts graphql.operation.name and .type on it, so a trace list shows what each request
 * did rather than a column of `POST /graphql`.
 */
export function tagOperation(type: string | undefined, name: string | undefined): void {
  const span = serverSpan();
  if (!span?.isRecording()) return;
  const operationType = type ?? 'operation';
  const operationName = name ?? 'anonymous';
  span.setAttributes({ 'graphql.operation.type': operationType, 'graphql.operation.name': operationName });
  operationNames.set(span, `${operationType} ${operationName}`);
}

/** The name tagOperation chose for `span`, if any. */
export function operationSpanName(span: Span): string | undefined {
  return operationNames.get(span);
}

/**
 * Names the active span after the subgraph it calls (`<span name> <subgraph>`, attribute
 * `agora.subgraph`): the router's data source calls it inside the gateway's `gateway.fetch`.
 */
export function tagSubgraphFetch(subgraph: string): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.setAttribute(SUBGRAPH_ATTRIBUTE, subgraph);
  span.updateName(`gateway.fetch ${subgraph}`);
}

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
  /** The parent (default: the active context). */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `work` inside a new active span `name` and answers its result. A throw is recorded
 * on the span (exception event, status ERROR) and rethrown; the span ends either way.
 */
export function inSpan<T>(name: string, work: () => Promise<T>, options: SpanOptions = {}): Promise<T> {
  const { parent = context.active(), ...spanOptions } = options;
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Marks the active span failed without a throw (a step that answered a refusal):
 * status ERROR with `reason`, and `code` as agora.failure_code.
 */
export function markFailed(code: string, reason: string): void {
  const span = trace.getActiveSpan();
  span?.setAttribute('agora.failure_code', code);
  span?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}

/** A W3C trace context as it rides in a message (both absent when nothing is traced). */
export interface TraceContextFields {
  traceparent?: string;
  tracestate?: string;
}

/** The active trace context as W3C fields, to store with work done later (an event). */
export function currentTraceContext(): TraceContextFields {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const fields: TraceContextFields = {};
  if (carrier.traceparent) fields.traceparent = carrier.traceparent;
  if (carrier.tracestate) fields.tracestate = carrier.tracestate;
  return fields;
}

/**
 * Runs `work` in a consumer span `name` that continues the trace `fields` carry (the
 * work that caused the message is its parent) and links to the span active on delivery
 * (the transport's own, when instrumented). Without fields it is an ordinary span.
 */
export function inSpanContinuing<T>(
  name: string,
  fields: TraceContextFields,
  work: () => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  const delivery = trace.getActiveSpan()?.spanContext();
  const parent = fields.traceparent ? propagation.extract(ROOT_CONTEXT, fields) : context.active();
  const links = delivery && trace.isSpanContextValid(delivery) ? [{ context: delivery }] : [];
  return inSpan(name, work, { kind: SpanKind.CONSUMER, parent, links, attributes });
}
