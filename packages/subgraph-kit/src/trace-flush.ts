import { trace } from '@opentelemetry/api';
import { within } from './within';

/** What a registered tracer provider offers for exporting the spans it still buffers (sdk-trace-base). */
interface Flushable {
  forceFlush(): Promise<void>;
}

function isFlushable(value: unknown): value is Flushable {
  return typeof (value as Partial<Flushable> | null)?.forceFlush === 'function';
}

/**
 * Exports the spans still buffered when tracing runs (@agora/telemetry registers the
 * OpenTelemetry SDK globally), waiting at most `timeoutMs` (default 5000 ms); does
 * nothing when tracing is off. The last step before a process exits, after the server
 * has drained, so the spans of the requests it finished are not lost.
 */
export async function flushTraces(timeoutMs = 5_000): Promise<void> {
  const global = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const provider = global.getDelegate?.() ?? global;
  if (!isFlushable(provider)) return;
  await within(
    provider.forceFlush().catch(() => undefined),
    timeoutMs,
    () => undefined,
  );
}
