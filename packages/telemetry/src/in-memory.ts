import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from './start';

export type { ReadableSpan };

/** Tracing kept in memory: every finished span, in the order it ended. */
export interface InMemoryTelemetry extends Telemetry {
  spans(): ReadableSpan[];
  reset(): void;
}

/**
 * Starts tracing as a process does (same instrumentations and propagator) but keeps the
 * spans in memory instead of exporting them, whatever the OTEL_* variables say: for
 * tests that assert a span tree. Like startTelemetry, it must run before the modules it
 * instruments are loaded.
 */
export function startInMemoryTelemetry(serviceName: string): InMemoryTelemetry {
  const exporter = new InMemorySpanExporter();
  const telemetry = startTelemetry({ serviceName, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  if (!telemetry) throw new Error('tracing did not start');
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: () => telemetry.shutdown(),
  };
}
