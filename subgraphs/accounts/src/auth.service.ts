import { randomUUID } from 'node:crypto';
import { conflict, unauthenticated } from '@agora/subgraph-kit';
import { inTransaction, isUniqueViolation, type Executor } from '@agora/postgres';
import type { schema } from './db';
import { USERS_EMAIL_UNIQUE } from './db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { RefreshTokenRepository } from './refresh-token.repository';
import type { SignInLimits } from './sign-in-limits';
import { newRefreshToken, REFRESH_TOKEN_TTL_MS, hashRefreshToken, type AccessTokens } from './tokens';
import { UserRepository, type UserRecord } from './user.repository';

/** A signed-in user and the tokens that prove it. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: UserRecord;
}

export interface SignUpData {
  email: string;
  password: string;
  name: string;
}

export interface Credentials {
  email: string;
  password: string;
}

type RotationOutcome =
  | { kind: 'rotated'; session: Session }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'reused' }
  | { kind: 'revoked' };

const INVALID_CREDENTIALS = 'Invalid email or password.';
const emailTaken = () => conflict('An account with this e-mail address already exists.');

/** Sign-up, log-in and the refresh-token rules (rotation, reuse detection, log-out). */
export class AuthService {
  constructor(
    private readonly db: Executor<typeof schema>,
    private readonly accessTokens: AccessTokens,
    private readonly limits: SignInLimits,
  ) {}

  /**
   * Creates a customer and signs them in; a taken e-mail (any case) is a CONFLICT and
   * writes nothing. Over the sign-ups allowed from `clientAddress` it is RATE_LIMITED
   * (`extensions.retryAfterSeconds`).
   */
  async signUp(data: SignUpData, clientAddress?: string): Promise<Session> {
    await this.limits.countSignUp(clientAddress);
    // Checked first so a taken address does not cost a password hash; the unique
    // index still decides when two sign-ups race.
    if (await new UserRepository(this.db).emailTaken(data.email)) throw emailTaken();
    const passwordHash = await hashPassword(data.password);
    try {
      return await inTransaction(this.db, async (tx) => {
        const user = await new UserRepository(tx).insert({ ...data, passwordHash });
        return this.startSession(tx, user, randomUUID());
      });
    } catch (error) {
      if (isUniqueViolation(error, USERS_EMAIL_UNIQUE)) throw emailTaken();
      throw error;
    }
  }

  /**
   * Signs in with e-mail (any case) and password; one message for every wrong
   * credential (UNAUTHENTICATED). Failures count per e-mail address and per
   * `clientAddress` (see SignInLimits): while either must wait or is locked, the attempt
   * is RATE_LIMITED with `extensions.retryAfterSeconds`, before any password hash and
   * whether the address has an account or not. A success forgets the account's failures.
   */
  async logIn(credentials: Credentials, clientAddress?: string): Promise<Session> {
    await this.limits.checkLogIn(credentials.email, clientAddress);
    const found = await new UserRepository(this.db).credentialsByEmail(credentials.email);
    const valid = found
      ? await verifyPassword(found.passwordHash, credentials.password)
      : await verifyAgainstDummy(credentials.password);
    if (!found || !valid) {
      await this.limits.logInFailed(credentials.email, clientAddress);
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    await this.limits.logInSucceeded(credentials.email);
    const { passwordHash: _hash, ...user } = found;
    return inTransaction(this.db, (tx) => this.startSession(tx, user, randomUUID()));
  }

  /**
   * Rotates a refresh token: the presented one is revoked and replaced in the same
   * family, in one transaction that holds the row lock, so a token is used once even
   * under concurrent calls. A token that was already used (rotated) means someone
   * kept a copy: the whole family is revoked (committed) before answering
   * UNAUTHENTICATED. A token revoked without a successor (log-out, or its family
   * revoked) is UNAUTHENTICATED saying so.
   */
  async refresh(token: string): Promise<Session> {
    const outcome = await inTransaction(this.db, async (tx): Promise<RotationOutcome> => {
      const tokens = new RefreshTokenRepository(tx);
      const presented = await tokens.byHashForUpdate(hashRefreshToken(token));
      if (!presented) return { kind: 'unknown' };
      if (presented.revokedAt && !presented.replacedById) return { kind: 'revoked' };
      if (presented.revokedAt) {
        await tokens.revokeFamily(presented.familyId);
        return { kind: 'reused' };
      }
      if (presented.expiresAt.getTime() <= Date.now()) return { kind: 'expired' };
      const user = await new UserRepository(tx).byId(presented.userId);
      if (!user) return { kind: 'unknown' };
      const { session, tokenId } = await this.issue(tx, user, presented.familyId);
      await tokens.markReplaced(presented.id, tokenId);
      return { kind: 'rotated', session };
    });
    switch (outcome.kind) {
      case 'rotated':
        return outcome.session;
      case 'unknown':
        throw unauthenticated('The refresh token is not valid.');
      case 'expired':
        throw unauthenticated('The refresh token has expired; log in again.');
      case 'reused':
        throw unauthenticated('The refresh token was already used; every session of this log-in is revoked.');
      case 'revoked':
        throw unauthenticated('The refresh token was revoked (logged out, or its session ended); log in again.');
    }
  }

  /**
   * Revokes the token's whole family. Always true, also for an unknown or revoked
   * token: logging out is idempotent and says nothing about which tokens exist.
   */
  async logOut(token: string): Promise<boolean> {
    const tokens = new RefreshTokenRepository(this.db);
    const found = await tokens.byHash(hashRefreshToken(token));
    if (found) await tokens.revokeFamily(found.familyId);
    return true;
  }

  private async startSession(tx: Executor<typeof schema>, user: UserRecord, familyId: string): Promise<Session> {
    return (await this.issue(tx, user, familyId)).session;
  }

  /** Stores a new refresh token in `familyId` and signs an access token (inside the caller's transaction). */
  private async issue(
    tx: Executor<typeof schema>,
    user: UserRecord,
    familyId: string,
  ): Promise<{ session: Session; tokenId: string }> {
    const { token, tokenHash } = newRefreshToken();
    const stored = await new RefreshTokenRepository(tx).insert({
      userId: user.id,
      familyId,
      tokenHash,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    const accessToken = await this.accessTokens.sign(user, familyId);
    return { session: { accessToken, refreshToken: token, user }, tokenId: stored.id };
  }
}
