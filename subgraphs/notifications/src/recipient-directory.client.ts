import { accounts, entitiesOf, representationsOf } from '@agora/contracts';
import { type BreakerSettings, type IdentitySigner, serviceCaller, SubgraphClient } from '@agora/subgraph-kit';
import type { RecipientDirectory } from './recipient-directory';

export interface AccountsRecipientsOptions {
  /** The accounts subgraph's GraphQL URL (called directly, not through the router). */
  accountsUrl: string;
  /** Notifications' own signer: it calls as the `notifications` service. */
  signer: IdentitySigner;
  timeoutMs?: number;
  /** The circuit breaker of calls to accounts (DEFAULT_BREAKER when not given). */
  breaker?: BreakerSettings;
}

/** The accounts subgraph as the directory: one entity lookup per recipient, as the notifications service. */
export function accountsRecipients(options: AccountsRecipientsOptions): RecipientDirectory {
  const client = new SubgraphClient({
    url: options.accountsUrl,
    name: 'accounts',
    signer: options.signer,
    timeoutMs: options.timeoutMs ?? 3_000,
    breaker: options.breaker,
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
