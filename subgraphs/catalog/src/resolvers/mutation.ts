import { randomUUID } from 'node:crypto';
import { ADMIN_ROLE, badUserInput, conflict, notFound, requireRole } from '@agora/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { parseNewProduct, parseProductChanges } from '../product.input';
import { isDuplicateKeyError } from '../store';

async function assertCategoryExists({ loaders }: Context, categoryId: string): Promise<void> {
  if (!(await loaders.categoryById.load(categoryId))) {
    throw badUserInput(`input.categoryId: no category has id ${categoryId}`, 'input.categoryId');
  }
}

/** The unique slug index is the one arbiter of duplicates, so racing writes cannot both win. */
async function refuseDuplicateSlug<T>(write: Promise<T>, slug: string | undefined): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw conflict(`input.slug: ${slug ?? 'this slug'} is already in use`);
    throw error;
  }
}

export const Mutation: MutationResolvers = {
  createProduct: async (_parent, args, context) => {
    requireRole(context.caller, ADMIN_ROLE);
    const input = parseNewProduct(args.input);
    await assertCategoryExists(context, input.categoryId);
    const now = new Date();
    const product = { _id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    return refuseDuplicateSlug(context.products.insert(product), input.slug);
  },

  updateProduct: async (_parent, args, context) => {
    requireRole(context.caller, ADMIN_ROLE);
    const changes = parseProductChanges(args.input);
    if (changes.categoryId !== undefined) await assertCategoryExists(context, changes.categoryId);
    const write = context.products.update(args.id, { ...changes, updatedAt: new Date() });
    const product = await refuseDuplicateSlug(write, changes.slug);
    if (!product) throw notFound(`No product has id ${args.id}.`);
    context.loaders.productById.clear(args.id).prime(args.id, product);
    return product;
  },

  deleteProduct: async (_parent, args, context) => {
    requireRole(context.caller, ADMIN_ROLE);
    // Looked up first, so an id no product can have (the empty one) answers as an unknown one does.
    const exists = (await context.loaders.productById.load(args.id)) !== null;
    if (!exists || !(await context.products.delete(args.id))) throw notFound(`No product has id ${args.id}.`);
    context.loaders.productById.clear(args.id);
    return true;
  },
};
