import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

// The OTEL_* variables Agora reads itself. The rest are read by the pieces they configure:
// the OTLP exporter (OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, _HEADERS, _TIMEOUT, _COMPRESSION),
// the tracer provider (OTEL_TRACES_SAMPLER[_ARG], OTEL_SPAN_*_LIMIT, OTEL_ATTRIBUTE_*_LIMIT),
// the batch processor (OTEL_BSP_*) and the resource (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME).

/** A comma-separated OTEL_* list: trimmed, empty entries dropped, each name once. */
function listOf(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The span processors OTEL_TRACES_EXPORTER names: `otlp` (the default: batched, OTLP over
 * HTTP/protobuf, the only OTLP protocol shipped) and `console` (each span as it ends);
 * `none` entries are skipped. Throws an Error naming the variable for an exporter or an
 * OTLP protocol (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL)
 * that is not shipped (`zipkin`, `grpc`, `http/json`).
 */
export function spanProcessorsFromEnv(env: NodeJS.ProcessEnv): SpanProcessor[] {
  const names = listOf(env.OTEL_TRACES_EXPORTER).filter((name) => name !== 'none' && name !== 'null');
  return (names.length > 0 ? names : ['otlp']).map((name) => {
    switch (name) {
      case 'otlp':
        return new BatchSpanProcessor(otlpExporterFromEnv(env));
      case 'console':
        return new SimpleSpanProcessor(new ConsoleSpanExporter());
      default:
        throw new Error(`OTEL_TRACES_EXPORTER: "${name}" is not supported (otlp, console or none)`);
    }
  });
}

function otlpExporterFromEnv(env: NodeJS.ProcessEnv): OTLPTraceExporter {
  const variable = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = env[variable]?.trim() || 'http/protobuf';
  if (protocol !== 'http/protobuf') {
    throw new Error(`${variable}: "${protocol}" is not supported (http/protobuf, e.g. Jaeger's port 4318)`);
  }
  return new OTLPTraceExporter();
}

const PROPAGATORS: Record<string, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
};

/**
 * The propagator OTEL_PROPAGATORS names (`tracecontext`, `baggage`, both in the order
 * given), `null` for `none` (headers are neither read nor written); unset, the W3C
 * trace context alone. Throws an Error naming the variable for a propagator not
 * shipped (`b3`, `b3multi`, `jaeger`).
 */
export function propagatorFromEnv(env: NodeJS.ProcessEnv): TextMapPropagator | null {
  const names = listOf(env.OTEL_PROPAGATORS);
  if (names.length === 0) return new W3CTraceContextPropagator();
  if (names.includes('none')) return null;
  const propagators = names.map((name) => {
    const create = PROPAGATORS[name];
    if (!create) throw new Error(`OTEL_PROPAGATORS: "${name}" is not supported (tracecontext, baggage or none)`);
    return create();
  });
  return propagators.length === 1 ? propagators[0]! : new CompositePropagator({ propagators });
}
