import { randomUUID } from 'node:crypto';
import { createLogger, serveSubgraph } from '@agora/subgraph-kit';
import { createTestDatabase } from '@agora/testing';
import { createAccountsService } from '../../accounts/src/app';
import { MIGRATIONS_FOLDER as ACCOUNTS_MIGRATIONS } from '../../accounts/src/db';
import { UserRepository } from '../../accounts/src/user.repository';

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

/** Starts accounts on a fresh database, trusting identities signed with `secret`. */
export async function startAccounts(secret: string): Promise<RunningAccounts> {
  const database = await createTestDatabase('notifications_accounts', ACCOUNTS_MIGRATIONS);
  const service = createAccountsService({ databaseUrl: database.url });
  const running = await serveSubgraph({
    ...service,
    port: 0,
    host: '127.0.0.1',
    identitySecret: secret,
    logger: createLogger('accounts', 'silent'),
  });
  const users = new UserRepository(service.db.db);
  return {
    url: `http://127.0.0.1:${running.port}/graphql`,
    addUser: async (name = 'Ada Lovelace') => {
      // These users never log in: any hash will do.
      const user = await users.insert({ email: `${randomUUID()}@example.com`, name, passwordHash: 'not-a-hash' });
      return { id: user.id, email: user.email, name: user.name };
    },
    stop: async () => {
      await running.stop();
      await service.close();
      await database.drop();
    },
  };
}
