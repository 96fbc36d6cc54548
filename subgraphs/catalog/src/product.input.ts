import { badUserInput, moneyAmount, parseInput } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { ProductChanges } from './product.repository';

export const MAX_NAME_LENGTH = 200;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(SLUG, 'must be lowercase letters, digits and single hyphens (e.g. trail-shoe-2)');

const fields = {
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
  slug,
  description: z.string().max(5000, 'must be at most 5000 characters'),
  brand: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  categoryId: z.string().trim().min(1, 'must not be empty'),
  price: z.object({
    // The one bound on amounts, shared with the cart, orders and payments.
    amount: moneyAmount,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be three upper-case letters (ISO-4217)'),
  }),
  images: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).max(20, 'at most 20 images'),
};

const createSchema = z.object({
  ...fields,
  slug: fields.slug.optional(),
  description: fields.description.default(''),
  images: fields.images.default([]),
});

// GraphQL sends null for an optional field given as null: it means "leave unchanged".
const updateSchema = z.object(
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.nullish()])) as {
    [K in keyof typeof fields]: z.ZodOptional<z.ZodNullable<(typeof fields)[K]>>;
  },
);

export type NewProduct = Omit<z.infer<typeof createSchema>, 'slug'> & { slug: string };

/** `Trail Shoe 2!` -> `trail-shoe-2`. */
function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '')
    .slice(0, 200)
    .replace(/-$/, '');
}

/** Validates a CreateProductInput; BAD_USER_INPUT names the wrong field. */
export function parseNewProduct(input: unknown, path = 'input'): NewProduct {
  const parsed = parseInput(createSchema, input, path);
  const slugValue = parsed.slug ?? slugify(parsed.name);
  if (!slugValue) throw badUserInput(`${path}.slug: cannot be derived from the name, give one`, `${path}.slug`);
  return { ...parsed, slug: slugValue };
}

/** Validates an UpdateProductInput into the fields to set (absent and null ones are left out). */
export function parseProductChanges(input: unknown, path = 'input'): ProductChanges {
  const parsed = parseInput(updateSchema, input, path);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value != null));
}
