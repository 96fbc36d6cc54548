import { type Scrape, scrapeMetrics, waitFor } from '@agora/testing';
import { ADD_TO_CART, CHECKOUT, checkoutInput, newShopper, productIds, setStock } from './shopping';
import { EVENTS_STACK_START_MS, EVENTS_WAIT, startStack, type Stack, type SubgraphName } from './stack';

const metricsOf = (graphqlUrl: string): Promise<Scrape> => scrapeMetrics(graphqlUrl.replace(/\/graphql$/, '/metrics'));

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ events: true });
}, EVENTS_STACK_START_MS);
afterAll(() => stack.stop());

describe('/metrics across the stack', () => {
  it('answers on the router and every subgraph, and one checkout moves the checkout and event metrics', async () => {
    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 5);
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
    const checkout = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(checkout.body.data?.checkout.status).toBe('CONFIRMED');

    const names = Object.keys(stack.subgraphs) as SubgraphName[];
    for (const name of names) {
      const scrape = await metricsOf(stack.subgraphs[name].running.url);
      expect(scrape.labelValues('process_cpu_user_seconds_total', 'service')).toEqual([name]);
    }
    const router = await metricsOf(stack.url);
    expect(
      router.sum('agora_router_subgraph_fetch_duration_seconds_count', { subgraph: 'orders', outcome: 'ok' }),
    ).toBe(1);
    const orders = await metricsOf(stack.subgraphs.orders.running.url);
    expect(orders.sum('agora_checkouts_total', { outcome: 'confirmed' })).toBe(1);

    // The relay publishes OrderConfirmed; notifications handles it.
    await waitFor(async () => {
      const notifications = await metricsOf(stack.subgraphs.notifications.running.url);
      return notifications.sum('agora_events_handled_total', {
        consumer: 'notifications',
        type: 'OrderConfirmed',
        outcome: 'ok',
      }) === 1
        ? true
        : undefined;
    }, EVENTS_WAIT);
    await waitFor(
      async () =>
        (await metricsOf(stack.subgraphs.orders.running.url)).sum('agora_outbox_unpublished_events') === 0
          ? true
          : undefined,
      EVENTS_WAIT,
    );
  }, 60_000);
});
