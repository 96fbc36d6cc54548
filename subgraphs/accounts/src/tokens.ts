import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new opaque refresh token (256 random bits) and the hash that is stored instead of it. */
export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashRefreshToken(token) };
}

/** SHA-256 hex: enough for a random token (no need for a slow hash), and a leaked table reveals no token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs access tokens: what the router checks on every request. */
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    readonly settings: AccessTokenSettings,
  ) {}

  /**
   * An access token for `user` in the session `sessionId` (its refresh-token family),
   * carried as the `sid` claim: the router refuses the token once that session is
   * revoked (see sessionRevocations).
   */
  async sign(user: { id: string; roles: string[] }, sessionId: string): Promise<string> {
    const key = await this.keys.active();
    return new SignJWT({ roles: user.roles, sid: sessionId })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.ttlSeconds}s`)
      .sign(key.privateKey);
  }
}
