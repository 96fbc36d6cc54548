import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Product } from './product';

export const resolvers: Resolvers = { Product, Mutation };
