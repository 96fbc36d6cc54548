import { baseContext, createTestDatabase, execute, type TestDatabase } from '@agora/testing';
import type { Caller } from '@agora/subgraph-kit';
import { createAccountsService, type AccountsOptions, type AccountsService } from '../src/app';
import { MIGRATIONS_FOLDER } from '../src/db';
import type { Context } from '../src/context';

export type AccountsHarness = AccountsService & {
  database: TestDatabase;
  context: (caller?: Caller | null) => Context;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own and the accounts service over it (server not started). */
export async function createAccounts(options: Omit<AccountsOptions, 'databaseUrl'> = {}): Promise<AccountsHarness> {
  const database = await createTestDatabase('accounts', MIGRATIONS_FOLDER);
  const service = createAccountsService({ ...options, databaseUrl: database.url });
  return {
    ...service,
    database,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    stop: async () => {
      await service.close();
      await database.drop();
    },
  };
}

/** As createAccounts, with the GraphQL server started for executeOperation. */
export async function startAccounts(options: Omit<AccountsOptions, 'databaseUrl'> = {}): Promise<AccountsHarness> {
  const accounts = await createAccounts(options);
  await accounts.server.start();
  return {
    ...accounts,
    stop: async () => {
      await accounts.server.stop();
      await accounts.stop();
    },
  };
}

export const AUTH_FIELDS = 'accessToken refreshToken user { id email name roles createdAt }';

export const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
export const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation ($token: String!) { refreshToken(token: $token) { ${AUTH_FIELDS} } }`;
export const LOG_OUT = `mutation ($token: String!) { logOut(refreshToken: $token) }`;
export const ME = `{ me { id email name roles createdAt } }`;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; roles: string[]; createdAt: string };
}

let counter = 0;
/** An e-mail address no other test of this file uses. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.com`;
}

/** Signs a new user up through the API and returns the payload (fails the test on errors). */
export async function signUp(
  accounts: AccountsHarness,
  input: { email?: string; password?: string; name?: string } = {},
): Promise<AuthPayload & { password: string }> {
  const password = input.password ?? 'correct horse battery';
  const result = await execute(accounts.server, accounts.context(), SIGN_UP, {
    input: { email: input.email ?? uniqueEmail('user'), password, name: input.name ?? 'Test User' },
  });
  if (result.errors) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return { ...(result.data?.signUp as AuthPayload), password };
}

/** The caller identity the router would vouch for after verifying `payload`'s access token. */
export function callerOf(payload: AuthPayload): Caller {
  return { userId: payload.user.id, roles: payload.user.roles };
}
