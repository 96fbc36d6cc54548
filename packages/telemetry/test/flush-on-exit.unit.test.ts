import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { flushTraces } from '@agora/subgraph-kit';

describe('flushTraces (the last step of a service stopping on a signal)', () => {
  afterEach(() => trace.disable());

  it('does nothing when no tracer provider is registered', async () => {
    await expect(flushTraces()).resolves.toBeUndefined();
  });

  it('exports the spans a batching processor still holds', async () => {
    const exporter = new InMemorySpanExporter();
    // A batch far from full and a delay far from over: nothing is exported on its own.
    const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 512, scheduledDelayMillis: 60_000 });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    trace.setGlobalTracerProvider(provider);
    trace.getTracer('test').startSpan('checkout').end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);

    await flushTraces();

    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['checkout']);
    await provider.shutdown();
  });
});
