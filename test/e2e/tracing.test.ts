// The span tree of one checkout, with the instrumentation a process runs, into memory.
// Limits: every service runs in this one process, so spans are told apart by what they
// are (server spans, names, attributes), not by service.name; jest loads modules past the
// SDK's require hook, so in-memory-tracing.ts applies the instrumentations' patches to
// the modules jest loads (a process gets them from the hook, `@agora/telemetry/register`).
// First: tracing starts before the stack's modules are loaded.
import { tracing } from './in-memory-tracing';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_ATTRIBUTE, type ReadableSpan, SpanKind, SpanStatusCode } from '@agora/telemetry';
import { waitFor } from '@agora/testing';
import { ADD_TO_CART, CARDS, checkoutInput, newShopper, productIds, setStock } from './shopping';
import { EVENTS_STACK_START_MS, EVENTS_WAIT, startStack, type Stack } from './stack';

const CHECKOUT = `mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id status } }`;

let stack: Stack;
let product: string;
beforeAll(async () => {
  stack = await startStack({ events: true });
  [product] = (await productIds(stack, 1)) as [string];
  await setStock(stack, product, 10);
}, EVENTS_STACK_START_MS);
afterAll(async () => {
  await stack.stop();
  await tracing.shutdown();
});

/** The spans of one trace, with the walks a span tree needs. */
function treeOf(spans: ReadableSpan[], traceId: string) {
  const inTrace = spans.filter((span) => span.spanContext().traceId === traceId);
  const byId = new Map(inTrace.map((span) => [span.spanContext().spanId, span]));
  const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanContext?.spanId ?? '');
  const isUnder = (span: ReadableSpan, ancestor: ReadableSpan): boolean => {
    for (let at = parentOf(span); at; at = parentOf(at)) if (at === ancestor) return true;
    return false;
  };
  const named = (name: string) => inTrace.filter((span) => span.name === name);
  const one = (name: string): ReadableSpan => {
    const found = named(name);
    if (found.length !== 1) throw new Error(`${found.length} spans named ${name} in ${inTrace.length}`);
    return found[0]!;
  };
  /** The server span a client call `call` reached: SERVER, its parent the fetch (undici) span under `call`. */
  const serverReachedBy = (call: ReadableSpan): ReadableSpan | undefined =>
    inTrace.find((span) => {
      const fetch = span.kind === SpanKind.SERVER ? parentOf(span) : undefined;
      return fetch !== undefined && parentOf(fetch) === call;
    });
  /** The nearest SERVER span above `span`. */
  const serverAbove = (span: ReadableSpan): ReadableSpan | undefined => {
    let at = parentOf(span);
    while (at && at.kind !== SpanKind.SERVER) at = parentOf(at);
    return at;
  };
  const queriesUnder = (span: ReadableSpan) =>
    inTrace.filter((each) => each.attributes['db.system.name'] === 'postgresql' && isUnder(each, span));
  return { inTrace, named, one, isUnder, serverReachedBy, serverAbove, queriesUnder };
}

/** A server span the test expects to exist. */
function reached(span: ReadableSpan | undefined): ReadableSpan {
  expect(span).toBeDefined();
  return span!;
}

describe('tracing a checkout', () => {
  it('gives one trace: router → orders → cart, inventory, payments → PostgreSQL, and the consumers of its events', async () => {
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId: product, quantity: 1 }, shopper);
    tracing.reset();

    const requestId = randomUUID();
    const checkout = await stack.request(
      CHECKOUT,
      { input: checkoutInput() },
      { ...shopper, 'x-request-id': requestId },
    );
    expect(checkout.body.data.checkout.status).toBe('CONFIRMED');

    // The router's server span (the nearest above the gateway's) carries the request id of its log lines.
    const gatewaySpan = await waitFor(() =>
      tracing
        .spans()
        .find((span) => span.name === 'gateway.request' && span.attributes['graphql.operation.name'] === 'Checkout'),
    );
    const router = await waitFor(() =>
      treeOf(tracing.spans(), gatewaySpan.spanContext().traceId).serverAbove(gatewaySpan),
    );
    expect(router.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
    expect(router.name).toBe('mutation Checkout');
    const traceId = router.spanContext().traceId;
    // The consumers' work joins the same trace through the traceparent the events carry.
    await waitFor(
      () =>
        treeOf(tracing.spans(), traceId).named('notifications process OrderConfirmed').length === 1 &&
        treeOf(tracing.spans(), traceId).named('recommendations process OrderPlaced').length === 1,
      EVENTS_WAIT,
    );
    const tree = treeOf(tracing.spans(), traceId);

    const gateway = tree.one('gateway.request');
    expect(tree.isUnder(gateway, router)).toBe(true);

    const fetchOrders = tree.one('gateway.fetch orders');
    expect(fetchOrders.attributes['agora.subgraph']).toBe('orders');
    expect(tree.isUnder(fetchOrders, gateway)).toBe(true);
    const orders = reached(tree.serverReachedBy(fetchOrders));
    expect(orders.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
    expect(tree.queriesUnder(orders).length).toBeGreaterThan(0);

    // Each saga step under orders' request, and each callee's request (and its SQL) under the step that called it.
    for (const [step, call] of [
      ['checkout.reserveStock', 'subgraph.request ReserveStock'],
      ['checkout.authorizePayment', 'subgraph.request AuthorizePayment'],
      ['checkout.commitAndCapture', 'subgraph.request CapturePayment'],
    ] as const) {
      expect(tree.isUnder(tree.one(step), orders)).toBe(true);
      const callee = reached(tree.serverReachedBy(tree.one(call)));
      expect(tree.isUnder(callee, tree.one(step))).toBe(true);
      expect(callee.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
      expect(tree.queriesUnder(callee).length).toBeGreaterThan(0);
    }
    const cart = reached(tree.serverReachedBy(tree.one('subgraph.request BeginCheckout')));
    expect(tree.isUnder(cart, orders)).toBe(true);
    expect(tree.queriesUnder(cart).length).toBeGreaterThan(0);

    for (const name of ['notifications process OrderConfirmed', 'recommendations process OrderPlaced']) {
      const consumer = tree.one(name);
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expect(tree.isUnder(consumer, orders)).toBe(true);
      expect(tree.queriesUnder(consumer).length).toBeGreaterThan(0);
    }
  });

  it('marks the saga step that refused the checkout failed, with its code', async () => {
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId: product, quantity: 1 }, shopper);
    tracing.reset();

    const checkout = await stack.request(CHECKOUT, { input: checkoutInput(CARDS.declined) }, shopper);
    expect(checkout.body.data.checkout.status).toBe('FAILED');

    const step = await waitFor(() => tracing.spans().find((span) => span.name === 'checkout.authorizePayment'));
    expect(step.status.code).toBe(SpanStatusCode.ERROR);
    expect(step.attributes['agora.failure_code']).toBe('PAYMENT_DECLINED');
    expect(tracing.spans().filter((span) => span.name === 'checkout.commitAndCapture')).toEqual([]);
  });
});
