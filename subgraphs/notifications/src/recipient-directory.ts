/** Who a notification is mailed to. */
export interface Recipient {
  email: string;
  name: string;
}

/** Looks recipients up by user id. Throws when it cannot tell (the event is then retried). */
export interface RecipientDirectory {
  /** The user's address and name; null when no such user exists. */
  recipient(userId: string): Promise<Recipient | null>;
}
