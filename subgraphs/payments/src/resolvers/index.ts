import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Order } from './order';
import { Payment } from './payment';

export const resolvers: Resolvers = { Order, Payment, Mutation };
