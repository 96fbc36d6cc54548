import { demoId, pick, seededRandom } from './random';

export interface DemoCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

export interface DemoProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  brand: string;
  categoryId: string;
  price: { amount: number; currency: string };
  images: string[];
  createdAt: Date;
}

export const PRODUCT_COUNT = 500;

const TREE: Record<string, string[]> = {
  Electronics: ['Headphones', 'Cameras'],
  Home: ['Kitchen', 'Lighting'],
  Outdoors: ['Camping', 'Cycling'],
  Fashion: ['Shoes', 'Bags'],
  Books: ['Fiction', 'Cookbooks'],
  Toys: ['Puzzles', 'Building Sets'],
  Sports: ['Running', 'Yoga'],
  Garden: ['Tools', 'Planters'],
};

const BRANDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Adatum', 'Litware', 'Proseware', 'Wingtip'];
const ADJECTIVES = [
  'Classic',
  'Compact',
  'Deluxe',
  'Everyday',
  'Featherlight',
  'Rugged',
  'Smart',
  'Studio',
  'Trail',
  'Urban',
];
const NOUNS = ['Edition', 'Pro', 'Mini', 'Max', 'Set', 'Kit', 'One', 'Plus'];

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

/** 8 top-level categories, each with 2 children (24 in all). */
export function demoCategories(): DemoCategory[] {
  const categories: DemoCategory[] = [];
  let index = 1;
  for (const [parent, children] of Object.entries(TREE)) {
    const parentId = demoId(2, index++);
    categories.push({ id: parentId, slug: slugify(parent), name: parent, parentId: null });
    for (const child of children) {
      categories.push({ id: demoId(2, index++), slug: slugify(child), name: child, parentId });
    }
  }
  return categories;
}

const EPOCH = Date.UTC(2026, 0, 1);

/** 500 products spread over the leaf categories, with prices in cents. */
export function demoProducts(): DemoProduct[] {
  const random = seededRandom(2026);
  const leaves = demoCategories().filter((c) => c.parentId !== null);
  return Array.from({ length: PRODUCT_COUNT }, (_, n) => {
    const category = leaves[n % leaves.length] ?? leaves[0]!;
    const brand = pick(random, BRANDS);
    const name = `${brand} ${pick(random, ADJECTIVES)} ${category.name.replace(/s$/, '')} ${pick(random, NOUNS)} ${n + 1}`;
    return {
      id: demoId(3, n + 1),
      slug: slugify(name),
      name,
      description: `The ${name} from ${brand}: a demo ${category.name.toLowerCase()} product.`,
      brand,
      categoryId: category.id,
      price: { amount: 499 + Math.floor(random() * 200) * 100 + 99, currency: 'USD' },
      images: [`https://images.agora.dev/products/${n + 1}.jpg`],
      createdAt: new Date(EPOCH - n * 3_600_000),
    };
  });
}
