import { type Caller } from '@agora/subgraph-kit';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface TokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /**
   * Whether a session (the token's `sid` claim) was revoked; such a token is refused.
   * A token without `sid` (issued before accounts added it) is accepted until it expires.
   */
  isSessionRevoked?: (sessionId: string) => boolean;
}

/** Reads the caller from an `Authorization` header value; null means anonymous. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Caller | null>;

/** 401 with code UNAUTHENTICATED; thrown from the context function, so the whole request fails. */
function invalidToken(reason: string): GraphQLError {
  return new GraphQLError(`The access token is invalid: ${reason}.`, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });
}

/**
 * JOSE errors that describe the token itself. A JWKS that cannot be fetched or is
 * broken is the server's problem, not the caller's: it stays an unexpected error.
 */
function isTokenError(error: unknown): error is errors.JOSEError {
  return (
    error instanceof errors.JOSEError &&
    !(error instanceof errors.JWKSTimeout) &&
    !(error instanceof errors.JWKSInvalid)
  );
}

function tokenReason(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? `the "${error.claim}" claim is missing`
      : `the "${error.claim}" claim is not accepted`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'it was not signed by a known key';
  return 'it is malformed';
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function callerFromClaims(payload: JWTPayload): Caller {
  if (!payload.sub) throw invalidToken('it has no subject');
  // `service:<name>` subjects name Agora's own services (serviceCaller); no user token may carry one.
  if (payload.sub.startsWith('service:')) throw invalidToken('its subject names a service');
  const roles = payload.roles ?? [];
  if (!isStringList(roles)) throw invalidToken('roles must be a list of strings');
  return { userId: payload.sub, roles };
}

/**
 * Verifies access tokens issued by accounts against its JWKS: signature (ES256 only),
 * issuer, audience and expiry, and that their session (`sid`) was not revoked. jose caches the key set and refetches it when a token
 * names a key it does not know (key rotation).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (authorization) => {
    const header = authorization?.trim();
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw invalidToken('the Authorization header must be "Bearer <token>"');
    try {
      const { payload } = await jwtVerify(match[1], keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'sub'],
      });
      if (typeof payload.sid === 'string' && options.isSessionRevoked?.(payload.sid)) {
        throw invalidToken('the session was revoked');
      }
      return callerFromClaims(payload);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (isTokenError(error)) throw invalidToken(tokenReason(error));
      throw error;
    }
  };
}
