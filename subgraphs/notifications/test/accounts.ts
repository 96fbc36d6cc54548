import { randomUUID } from 'node:crypto';
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
  addUser: (name?: string) => Promise<AccountsUser>;
  stop: () => Promise<void>;
}

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id email name } } }`;

/** Starts accounts (its public entry) on a fresh database, trusting identities signed with `secret`. */
export async function startAccounts(secret: string): Promise<RunningAccounts> {
  const started = await startSubgraphs(['accounts'], { prefix: 'notifications', secret });
  return {
    url: started.subgraphs.accounts.running.url,
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
