import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Product } from './product';
import { Reservation } from './reservation';

export const resolvers: Resolvers = { Product, Mutation, Reservation };
