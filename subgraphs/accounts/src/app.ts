import path from 'node:path';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { AuthService } from './auth.service';
import { contextFactory, type Context } from './context';
import { connectAccountsDb, type AccountsDb } from './db';
import { jwksRoutes } from './jwks';
import { resolvers } from './resolvers';
import { SessionRevocations } from './session-revocations';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimits, type SignInLimitSettings } from './sign-in-limits';
import { SigningKeys } from './signing-keys';
import { SigningKeyRepository } from './signing-key.repository';
import { AccessTokens, type AccessTokenSettings } from './tokens';
import { UserRepository } from './user.repository';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface AccountsOptions {
  databaseUrl: string;
  issuer?: string;
  audience?: string;
  accessTokenTtlSeconds?: number;
  /** Log-in and sign-up limits; DEFAULT_SIGN_IN_LIMITS when not given. */
  signInLimits?: SignInLimitSettings;
  /** Counts of those limits in this Redis (shared by replicas) when set, else in memory. */
  redisUrl?: string;
  /** The prefix of their Redis keys. */
  rateLimitKeyPrefix?: string;
}

export type AccountsService = SubgraphService<Context> & {
  db: AccountsDb;
  /** The keys access tokens are signed with (tests sign expired or foreign-audience tokens with the real key). */
  signingKeys: SigningKeys;
  accessTokens: AccessTokens;
  auth: AuthService;
};

/** The accounts subgraph over its database, ready to serve or to test in-process. */
export function createAccountsService(options: AccountsOptions): AccountsService {
  const db = connectAccountsDb(options.databaseUrl);
  const settings: AccessTokenSettings = {
    issuer: options.issuer ?? 'agora-accounts',
    audience: options.audience ?? 'agora',
    ttlSeconds: options.accessTokenTtlSeconds ?? 900,
  };
  const signingKeys = new SigningKeys(new SigningKeyRepository(db.db));
  const accessTokens = new AccessTokens(signingKeys, settings);
  const limits = new SignInLimits(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS, {
    redisUrl: options.redisUrl,
    keyPrefix: options.rateLimitKeyPrefix ?? 'agora:accounts',
  });
  const auth = new AuthService(db.db, accessTokens, limits);
  return {
    name: 'accounts',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(new UserRepository(db.db), auth, new SessionRevocations(db.db)),
    routes: jwksRoutes(signingKeys),
    // Ready once the database answers and a signing key exists (created on first start).
    isReady: async () => (await db.ping()) && (await signingKeys.active()) !== undefined,
    pool: db.pool,
    queries: db.queries,
    close: async () => {
      await limits.close();
      await db.close();
    },
    db,
    signingKeys,
    accessTokens,
    auth,
  };
}
