import path from 'node:path';
import { currentTraceContext, inSpan, serviceNameOf, startTelemetry, tracingRequested } from '@agora/telemetry';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('tracingRequested', () => {
  it('is off unless an OTLP endpoint or an exporter is named', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
  });

  it('stays off when told to, whatever the endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingRequested({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });
});

describe('without tracing', () => {
  it('starts nothing, and spans and trace context cost a no-op', async () => {
    expect(startTelemetry({ serviceName: 'orders', env: {} })).toBeUndefined();
    expect(await inSpan('checkout.reserveStock', () => Promise.resolve(currentTraceContext()))).toEqual({});
  });
});

describe('serviceNameOf', () => {
  it("names a process entry after its workspace's package, scope dropped", () => {
    expect(serviceNameOf(path.join(ROOT, 'subgraphs', 'orders', 'dist', 'main.js'))).toBe('orders');
    expect(serviceNameOf(path.join(ROOT, 'router', 'dist', 'main.js'))).toBe('router');
  });
});
