import type { UserRecord } from '../user.repository';

/** What accounts resolvers pass around for a User. */
export interface UserModel extends UserRecord {
  /**
   * Set when this very response signs the user in (sign-up, log-in, refresh): the
   * request has no caller yet, but the user may read their own e-mail.
   */
  signedInByThisResponse?: boolean;
}
