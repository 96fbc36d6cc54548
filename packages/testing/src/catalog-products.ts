import { randomUUID } from 'node:crypto';
import type { Caller } from '@agora/subgraph-kit';
import { demoCategories } from '@agora/demo-data';
import type { StartedSubgraphs } from './subgraphs';

export interface TestProduct {
  /** Default `Product <8 hex digits>`. */
  name?: string;
  price: { amount: number; currency: string };
}

const admin: Caller = { userId: 'test-admin', roles: ['customer', 'admin'] };

/**
 * Adds a product to a started catalog through its own `createProduct` (in-process as
 * an admin, so not counted as a request), in a demo category: start the catalog with
 * `seed: ['catalog']`. Returns the new product's id; throws on GraphQL errors.
 */
export async function addCatalogProduct(
  started: Pick<StartedSubgraphs<'catalog'>, 'execute'>,
  product: TestProduct,
): Promise<string> {
  const suffix = randomUUID();
  const result = await started.execute(
    'catalog',
    admin,
    'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
    {
      input: {
        name: product.name ?? `Product ${suffix.slice(0, 8)}`,
        slug: `product-${suffix}`,
        description: 'A product made for a test.',
        brand: 'Testbrand',
        categoryId: demoCategories()[0]?.id,
        price: product.price,
      },
    },
  );
  if (result.errors) throw new Error(`catalog: ${JSON.stringify(result.errors)}`);
  return (result.data?.createProduct as { id: string }).id;
}
