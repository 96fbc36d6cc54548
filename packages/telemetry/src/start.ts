import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as Sdk from './sdk';

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
 * Starts OpenTelemetry tracing (a NodeTracerProvider) with the instrumentations Agora's
 * stack needs (`agoraInstrumentations` in sdk.ts) and the W3C trace-context propagator
 * (or OTEL_PROPAGATORS when set). The exporter comes from the OTEL_* variables (OTLP over
 * HTTP/protobuf; see otel-env.ts for what is honoured), and an unsupported value throws
 * an Error naming its variable. Answers undefined and starts
 * nothing, so tracing costs nothing, when neither the environment (`tracingRequested`)
 * nor `spanProcessors` asks for it. It must run before the instrumented modules
 * (http, express, graphql, pg, amqplib) are first required: see `@agora/telemetry/register`.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry | undefined {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return undefined;
  return loadSdk().startSdk(options);
}

/**
 * The SDK and its instrumentations, loaded on first use: a process that does not trace
 * never loads them (they cost about 600 ms and 60 MB at start).
 */
export function loadSdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  return require('./sdk') as typeof Sdk;
}
