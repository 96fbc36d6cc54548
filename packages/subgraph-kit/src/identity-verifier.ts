import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JSONWebKeySet,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { SERVICE_ROLE } from './client';
import { ErrorCode } from './errors';
import { IDENTITY_AUDIENCE, IDENTITY_CHALLENGE, ROUTER_SIGNER } from './identity';
import type { Identity } from './identity-signer';
import { RequestError } from './request-errors';

/**
 * Who a subgraph trusts to sign identities, by `iss`: the router and the services that
 * call it, each with its JWKS URL (fetched on first use, refetched on an unknown kid) or,
 * in tests, its JWKS document itself or a key lookup of jose's.
 */
export type TrustedSigners = Readonly<Record<string, string | JSONWebKeySet | JWTVerifyGetKey>>;

function keySetOf(source: string | JSONWebKeySet | JWTVerifyGetKey, cooldownDuration?: number): JWTVerifyGetKey {
  if (typeof source === 'string') return createRemoteJWKSet(new URL(source), { cooldownDuration });
  if (typeof source === 'function') return source;
  return createLocalJWKSet(source);
}

export interface IdentityVerifierOptions {
  /**
   * The least time between two fetches of one signer's JWKS for an unknown kid
   * (milliseconds; default 30 000, jose's): a rotated key verifies within it.
   */
  refetchCooldownMs?: number;
}

/** Reads the signed identity of one subgraph request. */
export interface IdentityVerifier {
  /**
   * The identity in `token` (IDENTITY_HEADER). Refuses with a GraphQL error
   * UNAUTHENTICATED asking for HTTP 401 with IDENTITY_CHALLENGE (which fails the whole
   * request from a context function) when the token is missing, its `iss` is not a
   * trusted signer, its signature is not that signer's, or it expired. A JWKS that
   * cannot be fetched is a fault (thrown as is, answered 500).
   */
  verify: (token: string | undefined) => Promise<Identity>;
}

function refused(message: string): Error {
  return new RequestError(401, ErrorCode.Unauthenticated, message, {
    'www-authenticate': IDENTITY_CHALLENGE,
  }).toGraphQLError();
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The identity a verified token states. A router token's `roles` are the user's (never
 * SERVICE_ROLE, which only a service's own key gives); a service's token makes a caller
 * with `service` = its `iss` whose roles are at most SERVICE_ROLE, whatever it claims.
 */
/** The subject the router signs its own calls with; accounts never issues it to a user (router auth refuses `service:` subjects). */
const ROUTER_SERVICE_SUBJECT = `service:${ROUTER_SIGNER}`;

function identityOf(payload: JWTPayload, signer: string): Identity {
  const roles = stringsOf(payload.roles);
  if (signer === ROUTER_SIGNER) {
    // The router's own calls (serviceCaller('router'), e.g. to learn session revocations).
    if (payload.sub === ROUTER_SERVICE_SUBJECT)
      return { caller: { userId: payload.sub, roles: [SERVICE_ROLE], service: signer } };
    const address = typeof payload.addr === 'string' && payload.addr.length > 0 ? payload.addr : undefined;
    const caller = payload.sub ? { userId: payload.sub, roles: roles.filter((role) => role !== SERVICE_ROLE) } : null;
    return { caller, clientAddress: address };
  }
  return {
    caller: {
      userId: payload.sub ?? `service:${signer}`,
      roles: roles.filter((role) => role === SERVICE_ROLE),
      service: signer,
    },
  };
}

/** Verifies identity tokens against `signers` (see TrustedSigners): ES256 only, `aud` IDENTITY_AUDIENCE. */
export function createIdentityVerifier(
  signers: TrustedSigners,
  options: IdentityVerifierOptions = {},
): IdentityVerifier {
  const keySets = new Map<string, JWTVerifyGetKey>(
    Object.entries(signers).map(([name, source]) => [name, keySetOf(source, options.refetchCooldownMs)]),
  );
  return {
    verify: async (token) => {
      if (!token) throw refused('The request carries no signed identity.');
      let issuer: string | undefined;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw refused('The caller identity is not a signed token.');
      }
      const keys = issuer === undefined ? undefined : keySets.get(issuer);
      if (issuer === undefined || !keys) throw refused('The caller identity is signed by no trusted signer.');
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience: IDENTITY_AUDIENCE,
          algorithms: ['ES256'],
        });
        return identityOf(payload, issuer);
      } catch (error) {
        // A JWKS that cannot be fetched (or answers garbage) is this deployment's fault, not the caller's.
        if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) throw error;
        if (error instanceof errors.JWKSInvalid) throw error;
        throw refused('The caller identity could not be verified.');
      }
    },
  };
}
