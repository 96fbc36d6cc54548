import { diag, DiagConsoleLogger } from '@opentelemetry/api';
import { diagLogLevelFromString } from '@opentelemetry/core';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { propagatorFromEnv, spanProcessorsFromEnv } from './otel-env';
import { operationSpanName } from './spans';
import type { Telemetry, TelemetryOptions } from './start';

/** Paths probed by orchestrators and scrapers: a span each would bury the requests that matter. */
const UNTRACED_PATHS = new Set(['/health', '/live', '/ready', '/metrics']);

/** The instrumentations every Agora process runs: http, express, graphql, pg, amqplib and undici (Node's fetch). */
export function agoraInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      // Runs after the instrumentation names the span `POST /graphql`: the operation's name wins.
      applyCustomAttributesOnSpan: (span) => {
        const name = operationSpanName(span);
        if (name) span.updateName(name);
      },
    }),
    new ExpressInstrumentation(),
    new GraphQLInstrumentation({ ignoreResolveSpans: true }),
    new PgInstrumentation(),
    new AmqplibInstrumentation(),
    new UndiciInstrumentation(),
  ];
}

/**
 * Starts tracing as `startTelemetry` describes, unconditionally: a NodeTracerProvider
 * (sampler, span limits and batching from the OTEL_* variables) registered with the API
 * together with the async-hooks context manager and the propagator, then the
 * instrumentations. Throws when an OTEL_* variable names something not shipped (otel-env.ts).
 */
export function startSdk(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  if (env.OTEL_LOG_LEVEL) {
    diag.setLogger(new DiagConsoleLogger(), { logLevel: diagLogLevelFromString(env.OTEL_LOG_LEVEL) });
  }
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector, processDetector, hostDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || options.serviceName }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: options.spanProcessors ?? spanProcessorsFromEnv(env),
  });
  provider.register({ propagator: propagatorFromEnv(env) });
  registerInstrumentations({ instrumentations: options.instrumentations ?? agoraInstrumentations() });
  return { shutdown: () => provider.shutdown() };
}
