import { randomUUID } from 'node:crypto';
import { parseEnvelope } from '@agora/events';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function envelope(extra: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'OrderConfirmed',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    payload: { orderId: 'order-1', userId: 'user-1' },
    ...extra,
  };
}

describe('the trace context in the envelope', () => {
  it('is read when the producer was traced', () => {
    const event = parseEnvelope(envelope({ traceparent: TRACEPARENT, tracestate: 'vendor=1' }));
    expect(event).toMatchObject({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
  });

  it('is optional: an envelope written before it reads as before', () => {
    const event = parseEnvelope(envelope());
    expect(event.traceparent).toBeUndefined();
    expect(event.payload).toEqual({ orderId: 'order-1', userId: 'user-1' });
  });

  it('is dropped when malformed, never making the event poison', () => {
    const event = parseEnvelope(envelope({ traceparent: 42, tracestate: 'x'.repeat(10_000) }));
    expect(event.traceparent).toBeUndefined();
    expect(event.tracestate).toBeUndefined();
    expect(event.type).toBe('OrderConfirmed');
  });
});
