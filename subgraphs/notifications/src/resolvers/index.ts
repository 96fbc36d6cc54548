import type { Resolvers } from '../__generated__/resolvers-types';
import { NotificationConnection } from './connection';
import { Mutation } from './mutation';
import { Notification } from './notification';
import { User } from './user';

export const resolvers: Resolvers = { Notification, User, NotificationConnection, Mutation };
