import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Paths probed by orchestrators and scrapers: a span each would bury the requests that matter. */
const UNTRACED_PATHS = new Set(['/health', '/live', '/ready', '/metrics']);

export interface TelemetryOptions {
  /** The service's name on every span, unless OTEL_SERVICE_NAME names it. */
  serviceName: string;
  /** The OTEL_* variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Where spans go instead of the exporter the OTEL_* variables choose (tests pass a
   * SimpleSpanProcessor over an InMemorySpanExporter). Given, tracing starts whatever
   * the environment says.
   */
  spanProcessors?: SpanProcessor[];
  /** The instrumentations (default: `agoraInstrumentations()`). */
  instrumentations?: Instrumentation[];
}

/** A started SDK; `shutdown` flushes the spans not yet exported and stops the instrumentation. */
export interface Telemetry {
  shutdown(): Promise<void>;
}

/** The instrumentations every Agora process runs: http, express, graphql, pg, amqplib and undici (Node's fetch). */
export function agoraInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
    }),
    new ExpressInstrumentation(),
    new GraphQLInstrumentation({ ignoreResolveSpans: true }),
    new PgInstrumentation(),
    new AmqplibInstrumentation(),
    new UndiciInstrumentation(),
  ];
}

/**
 * Whether the environment asks for traces: an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or an explicit OTEL_TRACES_EXPORTER other than
 * `none` (`console`, `otlp`), and OTEL_SDK_DISABLED not `true`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER;
  if (exporter !== undefined && exporter !== '') return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the OpenTelemetry Node SDK with the instrumentations Agora's stack needs
 * (`agoraInstrumentations`) and the W3C
 * trace-context propagator (or OTEL_PROPAGATORS when set). The exporter comes from the
 * OTEL_* variables (OTLP over HTTP/protobuf by default). Answers undefined and starts
 * nothing, so tracing costs nothing, when neither the environment (`tracingRequested`)
 * nor `spanProcessors` asks for it. It must run before the instrumented modules
 * (http, express, graphql, pg, amqplib) are first required: see `@agora/telemetry/register`.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry | undefined {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return undefined;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || options.serviceName,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    ...(env.OTEL_PROPAGATORS ? {} : { textMapPropagator: new W3CTraceContextPropagator() }),
    instrumentations: options.instrumentations ?? agoraInstrumentations(),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
