import type { CategoryResolvers } from '../__generated__/resolvers-types';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.categoryById.load(reference.id),
  id: (category) => category._id,
  parent: (category, _args, { loaders }) =>
    category.parentId === null ? null : loaders.categoryById.load(category.parentId),
  children: (category, _args, { loaders }) => loaders.childrenByParentId.load(category._id),
};
