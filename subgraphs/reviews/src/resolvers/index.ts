import type { Resolvers } from '../__generated__/resolvers-types';
import { ReviewConnection } from './connection';
import { Mutation } from './mutation';
import { Product } from './product';
import { Review } from './review';
import { User } from './user';

export const resolvers: Resolvers = { Review, Product, User, ReviewConnection, Mutation };
