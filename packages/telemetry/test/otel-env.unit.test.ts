import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { propagatorFromEnv, spanProcessorsFromEnv } from '../src/otel-env';

describe('propagatorFromEnv', () => {
  it('propagates the W3C trace context alone unless OTEL_PROPAGATORS names others', () => {
    expect(propagatorFromEnv({})).toBeInstanceOf(W3CTraceContextPropagator);
    expect(propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext' })).toBeInstanceOf(W3CTraceContextPropagator);
    const both = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext, baggage' });
    expect(both).toBeInstanceOf(CompositePropagator);
    expect(both?.fields()).toEqual(['traceparent', 'tracestate', 'baggage']);
  });

  it('propagates nothing for none, and refuses a propagator not shipped', () => {
    expect(propagatorFromEnv({ OTEL_PROPAGATORS: 'none' })).toBeNull();
    expect(() => propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext,b3' })).toThrow(/OTEL_PROPAGATORS: "b3"/);
  });
});

describe('spanProcessorsFromEnv', () => {
  it('exports over OTLP by default, and to the console when told to', () => {
    expect(spanProcessorsFromEnv({}).map((processor) => processor.constructor.name)).toEqual(['BatchSpanProcessor']);
    const both = spanProcessorsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp,console' });
    expect(both.map((processor) => processor.constructor.name)).toEqual(['BatchSpanProcessor', 'SimpleSpanProcessor']);
  });

  it('refuses an exporter or an OTLP protocol not shipped, naming the variable', () => {
    expect(() => spanProcessorsFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER: "zipkin"/);
    expect(() => spanProcessorsFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: "grpc"/,
    );
    expect(() => spanProcessorsFromEnv({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' })).toThrow(
      /OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http\/json"/,
    );
  });
});
