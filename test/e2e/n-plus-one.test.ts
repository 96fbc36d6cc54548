import { ADD_TO_CART, CHECKOUT, checkoutInput, newShopper, productIds, setStock, signedUpShopper } from './shopping';
import { startStack, type Stack, type SubgraphName } from './stack';

/** The N+1 gate: what one operation costs each subgraph, for few and for many items. */
const LISTING = `query Listing($first: Int) {
  products(first: $first) {
    edges {
      node {
        id name price { amount currency }
        averageRating inStock
        reviews(first: 5) { edges { node { rating author { name } } } }
      }
    }
  }
}`;
const CART = `query { cart { itemCount subtotal { amount } items { quantity unitPrice { amount } lineTotal { amount } product { name inStock } } } }`;
const ORDER_HISTORY = `query { me { orders(first: 50) { edges { node { id status total { amount } items { productName quantity product { name } } payment { status } } } } } }`;

type Costs = Partial<Record<SubgraphName, { storeQueries: number; requests: number }>>;

let stack: Stack;
beforeAll(async () => {
  // The router asks accounts for revoked sessions before it serves, then every poll interval: not during the test.
  stack = await startStack({ routerEnv: { SESSION_REVOCATION_POLL_MS: String(60 * 60 * 1000) } });
});
afterAll(() => stack.stop());

async function costOf(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Costs> {
  stack.resetCounters();
  const { body } = await stack.request(query, variables, headers);
  expect(body.errors).toBeUndefined();
  const costs: Costs = {};
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    if (subgraph.requests.count > 0) {
      costs[name as SubgraphName] = { storeQueries: subgraph.service.queries.count, requests: subgraph.requests.count };
    }
  }
  return costs;
}

function report(title: string, few: Costs, many: Costs): void {
  const rows = Object.entries(few).map(([name, a]) => {
    const b = many[name as SubgraphName];
    return `  ${name.padEnd(10)} few -> ${a.storeQueries} / ${a.requests}   many -> ${b?.storeQueries} / ${b?.requests}`;
  });
  console.log(`${title}: store queries / subgraph requests\n${rows.join('\n')}`);
}

describe('N+1 gate', () => {
  it('costs every subgraph the same for a listing of 5 products as for 50', async () => {
    const five = await costOf(LISTING, { first: 5 });
    const fifty = await costOf(LISTING, { first: 50 });
    report('listing, first 5 vs 50', five, fifty);
    expect(fifty).toEqual(five);
    expect(Object.keys(five).sort()).toEqual(['accounts', 'catalog', 'inventory', 'reviews']);
    for (const cost of Object.values(five)) expect(cost.storeQueries).toBeGreaterThan(0);
  });

  it('costs every subgraph the same for a cart of 3 items as for 30', async () => {
    const ids = await productIds(stack, 30);
    const few = await newShopper(stack);
    const many = await newShopper(stack);
    for (const [index, productId] of ids.entries()) {
      await setStock(stack, productId, 100);
      if (index < 3) await stack.request(ADD_TO_CART, { productId, quantity: 1 }, few);
      await stack.request(ADD_TO_CART, { productId, quantity: 1 }, many);
    }
    const three = await costOf(CART, {}, few);
    const thirty = await costOf(CART, {}, many);
    report('cart, 3 vs 30 items', three, thirty);
    expect(thirty).toEqual(three);
    expect(Object.keys(three).sort()).toEqual(['cart', 'catalog', 'inventory']);
  }, 60_000);

  it('costs every subgraph the same for an order history of 3 orders as for 30', async () => {
    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 100);
    const few = await signedUpShopper(stack);
    const many = await signedUpShopper(stack);
    for (let n = 0; n < 30; n++) {
      for (const shopper of n < 3 ? [few, many] : [many]) {
        await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
        const { body } = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
        expect(body.data.checkout.status).toBe('CONFIRMED');
      }
    }
    const three = await costOf(ORDER_HISTORY, {}, few);
    const thirty = await costOf(ORDER_HISTORY, {}, many);
    report('order history, 3 vs 30 orders', three, thirty);
    expect(thirty).toEqual(three);
    expect(Object.keys(three).sort()).toEqual(['accounts', 'catalog', 'orders', 'payments']);
  }, 90_000);
});
