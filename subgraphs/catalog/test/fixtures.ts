import { randomUUID } from 'node:crypto';
import type { CategoryDoc, ProductDoc } from '../src/store';

let sequence = 0;
const BASE = Date.UTC(2026, 0, 1);

/** A category with unique id and slug; a top-level one unless `parentId` is given. */
export function categoryDoc(overrides: Partial<CategoryDoc> = {}): CategoryDoc {
  const id = randomUUID();
  return { _id: id, slug: `category-${id}`, name: `Category ${id.slice(0, 8)}`, parentId: null, ...overrides };
}

/** A product with unique id, slug and creation time (each one a minute after the last). */
export function productDoc(overrides: Partial<ProductDoc> & { categoryId: string }): ProductDoc {
  const id = randomUUID();
  const createdAt = new Date(BASE + ++sequence * 60_000);
  return {
    _id: id,
    slug: `product-${id}`,
    name: `Product ${id.slice(0, 8)}`,
    description: 'A product made for a test.',
    brand: 'Testbrand',
    price: { amount: 1000, currency: 'USD' },
    images: ['https://images.example.com/p.jpg'],
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Code-unit order, which is MongoDB's binary string order for ASCII. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
