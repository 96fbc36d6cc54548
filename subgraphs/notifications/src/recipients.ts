import { serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import { z } from 'zod';

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

const RECIPIENT = `query NotificationRecipient($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { email name } }
}`;

const recipientAnswer = z.object({
  _entities: z.tuple([z.object({ email: z.string().min(1), name: z.string() }).nullable()]),
});

/** The accounts subgraph as the directory: one entity lookup per recipient, as the notifications service. */
export function accountsRecipients(options: AccountsRecipientsOptions): RecipientDirectory {
  const accounts = new SubgraphClient({
    url: options.accountsUrl,
    identitySecret: options.identitySecret,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  const caller = serviceCaller('notifications');
  return {
    async recipient(userId) {
      const data = await accounts.request(
        RECIPIENT,
        { representations: [{ __typename: 'User', id: userId }] },
        { caller },
      );
      const [user] = recipientAnswer.parse(data)._entities;
      return user;
    },
  };
}
