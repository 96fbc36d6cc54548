import { accounts, entitiesOf, representationsOf } from '@agora/contracts';
import { serviceCaller, SubgraphClient } from '@agora/subgraph-kit';

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

export interface AccountsRecipientsOptions {
  /** The accounts subgraph's GraphQL URL (called directly, not through the router). */
  accountsUrl: string;
  /** The router's identity secret: notifications calls as the `service:notifications` service. */
  identitySecret: string;
  timeoutMs?: number;
}

/** The accounts subgraph as the directory: one entity lookup per recipient, as the notifications service. */
export function accountsRecipients(options: AccountsRecipientsOptions): RecipientDirectory {
  const client = new SubgraphClient({
    url: options.accountsUrl,
    identitySecret: options.identitySecret,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  const caller = serviceCaller('notifications');
  return {
    async recipient(userId) {
      const data = await client.request(
        accounts.UserContactsDocument,
        { representations: representationsOf('User', [userId]) },
        { caller },
      );
      const [user] = entitiesOf('User', data._entities);
      if (user === undefined) throw new Error(`accounts answered no entity for user ${userId}`);
      if (user === null) return null;
      // The schema lets accounts withhold an address (null); nothing can be mailed without one.
      if (!user.email) throw new Error(`accounts gave no e-mail address for user ${userId}`);
      return { email: user.email, name: user.name };
    },
  };
}
