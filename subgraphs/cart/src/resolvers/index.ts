import type { Resolvers } from '../__generated__/resolvers-types';
import { Cart, CartItem } from './cart';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { Cart, CartItem, User, Query, Mutation };
