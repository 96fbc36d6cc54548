import { startStack, type Stack, type SubgraphName } from './stack';

/** The N+1 gate: what one storefront listing costs each subgraph. */
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

type Costs = Record<SubgraphName, { storeQueries: number; requests: number }>;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function costOf(first: number): Promise<Costs> {
  stack.resetCounters();
  const { body } = await stack.request(LISTING, { first });
  expect(body.errors).toBeUndefined();
  expect(body.data.products.edges).toHaveLength(first);
  const costs = {} as Costs;
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    costs[name as SubgraphName] = { storeQueries: subgraph.service.queries.count, requests: subgraph.requests.count };
  }
  return costs;
}

describe('N+1 gate', () => {
  it('costs every subgraph the same store queries and requests for 5 products as for 50', async () => {
    const five = await costOf(5);
    const fifty = await costOf(50);
    console.log(
      'store queries / subgraph requests per listing\n' +
        Object.keys(five)
          .map((name) => {
            const a = five[name as SubgraphName];
            const b = fifty[name as SubgraphName];
            return `  ${name.padEnd(10)} first: 5 -> ${a.storeQueries} / ${a.requests}   first: 50 -> ${b.storeQueries} / ${b.requests}`;
          })
          .join('\n'),
    );
    expect(fifty).toEqual(five);
    // Every subgraph takes part, so the equality above is about real work.
    for (const cost of Object.values(five)) {
      expect(cost.storeQueries).toBeGreaterThan(0);
      expect(cost.requests).toBe(1);
    }
  });
});
