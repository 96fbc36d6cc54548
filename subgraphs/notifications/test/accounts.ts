import { randomUUID } from 'node:crypto';
import type { IdentitySigner } from '@agora/subgraph-kit';
import { startSubgraphs } from '@agora/testing';

/** A user as accounts knows them. */
export interface AccountsUser {
  id: string;
  email: string;
  name: string;
}

/** The real accounts subgraph, served over HTTP on its own database. */
export interface RunningAccounts {
  url: string;
  /** The notifications service's signer, whose key accounts trusts. */
  notificationsSigner: IdentitySigner;
  addUser: (name?: string) => Promise<AccountsUser>;
  stop: () => Promise<void>;
}

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id email name } } }`;

/** Starts accounts (its public entry) on a fresh database, trusting the harness's signers, notifications' among them. */
export async function startAccounts(): Promise<RunningAccounts> {
  const started = await startSubgraphs(['accounts'], { prefix: 'notifications' });
  return {
    url: started.subgraphs.accounts.running.url,
    notificationsSigner: started.signers.byName.notifications as IdentitySigner,
    addUser: async (name = 'Ada Lovelace') => {
      // Signed up as a customer would be; these users never log in.
      const result = await started.request('accounts', null, SIGN_UP, {
        input: { email: `${randomUUID()}@example.com`, password: 'not-a-real-password', name },
      });
      if (result.errors) throw new Error(`accounts: ${JSON.stringify(result.errors)}`);
      return result.data?.signUp.user as AccountsUser;
    },
    stop: started.stop,
  };
}
