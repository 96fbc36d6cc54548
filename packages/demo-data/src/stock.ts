import { demoProducts } from './catalog';
import { seededRandom } from './random';

export interface DemoStock {
  productId: string;
  quantity: number;
}

/** Stock for every demo product; about one in twelve is sold out. */
export function demoStock(): DemoStock[] {
  const random = seededRandom(7);
  return demoProducts().map((product) => ({
    productId: product.id,
    quantity: random() < 0.08 ? 0 : 1 + Math.floor(random() * 200),
  }));
}
