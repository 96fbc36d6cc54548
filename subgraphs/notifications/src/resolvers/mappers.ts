import type { NotificationPosition } from '../notifications.repository';

/** An accounts user as notifications sees it: its id. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/**
 * A connection not loaded yet: whose notifications and which page. Its fields load
 * lazily, so asking only for `totalCount` does not read the page, and the other way round.
 */
export interface NotificationConnectionRequest {
  userId: string;
  first: number;
  after: NotificationPosition | null;
}
