import DataLoader from 'dataloader';
import type { UserRecord, UserRepository } from './user.repository';

export interface Loaders {
  /** Users by id (null for an unknown id). */
  user: DataLoader<string, UserRecord | null>;
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(users: UserRepository): Loaders {
  return {
    user: new DataLoader(async (ids) => {
      const found = new Map((await users.byIds(ids)).map((user) => [user.id, user]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
