/**
 * Who is calling a subgraph. The router, or a service calling another, vouches for it
 * in one signed token per request (IDENTITY_HEADER, see identity-signer.ts and
 * identity-verifier.ts).
 */
export interface Caller {
  userId: string;
  roles: string[];
  /**
   * The calling service's name (`orders`, `cart`, …) when a service signed the request
   * as itself with its own key (see requireService); never set from a router-signed token.
   */
  service?: string;
}

/** The header each subgraph request carries its signed identity in (anonymous callers included). */
export const IDENTITY_HEADER = 'x-agora-identity';
/**
 * The `www-authenticate` challenge of a subgraph's 401: the caller authenticates with a
 * trusted signer's token in IDENTITY_HEADER, a scheme of Agora's own.
 */
export const IDENTITY_CHALLENGE = 'Agora-Identity realm="agora-subgraphs"';
/** The `aud` of every identity token. */
export const IDENTITY_AUDIENCE = 'agora-subgraphs';
/** The `iss` of the router's tokens (a service's are its own name). */
export const ROUTER_SIGNER = 'router';
/** How long an identity token is valid: it covers one subgraph request. */
export const IDENTITY_LIFETIME_SECONDS = 60;
/** Where a signer publishes its public keys (the router and every calling service). */
export const JWKS_PATH = '/.well-known/jwks.json';
