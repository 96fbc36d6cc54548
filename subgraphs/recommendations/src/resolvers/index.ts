import type { Resolvers } from '../__generated__/resolvers-types';
import { Product } from './product';
import { User } from './user';

export const resolvers: Resolvers = { Product, User };
