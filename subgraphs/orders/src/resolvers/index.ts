import type { Resolvers } from '../__generated__/resolvers-types';
import { OrderConnection } from './connection';
import { Mutation } from './mutation';
import { Order, OrderItem } from './order';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { Order, OrderItem, User, OrderConnection, Query, Mutation };
