import { jwtVerify, SignJWT } from 'jose';
import { ErrorCode } from './errors';
import { RequestError } from './request-errors';

/** Who is calling, as the router vouches for it. */
export interface Caller {
  userId: string;
  roles: string[];
}

/** The header the router puts a signed identity in. */
export const IDENTITY_HEADER = 'x-agora-identity';
/**
 * The `www-authenticate` challenge of a subgraph's 401: the caller authenticates with
 * the router's signature in IDENTITY_HEADER, a scheme of Agora's own.
 */
export const IDENTITY_CHALLENGE = 'Agora-Identity realm="agora-subgraphs"';
const ISSUER = 'agora-router';
const AUDIENCE = 'agora-subgraphs';
const LIFETIME = '60s';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs the caller's identity for one subgraph request (router side). */
export async function signIdentity(caller: Caller, secret: string): Promise<string> {
  return new SignJWT({ roles: caller.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(key(secret));
}

/**
 * Reads the identity header (subgraph side). No header means an anonymous caller;
 * a header that does not verify is refused, never downgraded to anonymous: a GraphQL
 * error UNAUTHENTICATED asking for HTTP 401 with IDENTITY_CHALLENGE, which fails the
 * whole request when thrown from a context function.
 */
export async function verifyIdentity(header: string | undefined, secret: string): Promise<Caller | null> {
  if (!header) return null;
  try {
    const { payload } = await jwtVerify(header, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    if (!payload.sub) throw new Error('identity has no subject');
    return { userId: payload.sub, roles };
  } catch {
    throw new RequestError(401, ErrorCode.Unauthenticated, 'The caller identity could not be verified.', {
      'www-authenticate': IDENTITY_CHALLENGE,
    }).toGraphQLError();
  }
}

/**
 * The header the router puts the client's network address in (after its TRUST_PROXY
 * rule), signed like the identity so a subgraph can key per-address limits on it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-agora-client-address';
const CLIENT_ADDRESS_AUDIENCE = 'agora-subgraphs-client-address';

/** Signs the client's address (an IPv4 or IPv6 text) for one request (router side). */
export async function signClientAddress(address: string, secret: string): Promise<string> {
  return new SignJWT({ address })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(CLIENT_ADDRESS_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(key(secret));
}

/**
 * Reads the client-address header (subgraph side): undefined without one (a caller
 * other than the router, or a test); one that does not verify is refused like a bad
 * identity (UNAUTHENTICATED, HTTP 401).
 */
export async function verifyClientAddress(header: string | undefined, secret: string): Promise<string | undefined> {
  if (!header) return undefined;
  try {
    const { payload } = await jwtVerify(header, key(secret), {
      issuer: ISSUER,
      audience: CLIENT_ADDRESS_AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.address !== 'string' || payload.address.length === 0) throw new Error('no address');
    return payload.address;
  } catch {
    throw new RequestError(401, ErrorCode.Unauthenticated, 'The client address could not be verified.', {
      'www-authenticate': IDENTITY_CHALLENGE,
    }).toGraphQLError();
  }
}
