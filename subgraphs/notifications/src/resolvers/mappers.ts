import type { KeysetPosition } from '@agora/postgres';
import type { ConnectionRequest } from '@agora/subgraph-kit';

/** An accounts user as notifications sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/** A user's notifications not loaded yet (`ownerId` is the user's id): see ConnectionRequest. */
export type NotificationConnectionRequest = ConnectionRequest<KeysetPosition>;
