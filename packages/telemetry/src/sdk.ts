import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { NodeSDK } from '@opentelemetry/sdk-node';
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

/** Starts the SDK as `startTelemetry` describes, unconditionally. */
export function startSdk(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || options.serviceName,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    ...(env.OTEL_PROPAGATORS ? {} : { textMapPropagator: new W3CTraceContextPropagator() }),
    instrumentations: options.instrumentations ?? agoraInstrumentations(),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
