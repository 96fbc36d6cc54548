import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike, SignJWT } from 'jose';
import { z } from 'zod';
import { type Caller, IDENTITY_AUDIENCE, IDENTITY_LIFETIME_SECONDS } from './identity';
import type { Logger } from './logger';

/** A private EC P-256 key as a JWK, with the `kid` its tokens name and `alg: ES256`. */
export interface SigningJwk extends JWK {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
  alg: 'ES256';
}

const signingJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1, 'must be a private key (d)'),
  kid: z.string().min(1),
  alg: z.literal('ES256'),
});

const publicJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  kid: z.string().min(1),
});

function jsonOf(text: string, ctx: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
}

/**
 * A signer's private key setting (`ROUTER_SIGNING_KEY`, `SIGNING_KEY`): a private JWK as
 * JSON (`{"kty":"EC","crv":"P-256","x":…,"y":…,"d":…,"kid":…,"alg":"ES256"}`), or unset
 * (see signingKeyRequiredInProduction).
 */
export const signingKeySetting = z
  .string()
  .transform((text, ctx) => jsonOf(text, ctx))
  .pipe(signingJwkSchema)
  .transform((jwk) => jwk as SigningJwk)
  .optional();

/**
 * Public keys a signer still publishes after a rotation (`*_PREVIOUS_PUBLIC_KEYS`): a
 * JSON array of public JWKs with their `kid`s, so tokens signed before the rotation still
 * verify for their last seconds. Empty by default.
 */
export const previousPublicKeysSetting = z
  .string()
  .transform((text, ctx) => jsonOf(text, ctx))
  .pipe(z.array(publicJwkSchema))
  .default([])
  .transform((keys) => keys as JWK[]);

/**
 * A refinement for a service's settings object: outside production a missing signing
 * key is generated at start (see identitySignerOf), in production `variable` is required
 * (the configuration error names it).
 */
export function signingKeyRequiredInProduction(variable: string) {
  return (settings: { NODE_ENV?: string } & Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (settings.NODE_ENV === 'production' && settings[variable] === undefined) {
      ctx.addIssue({ code: 'custom', path: [variable], message: 'required when NODE_ENV is production' });
    }
  };
}

/** The public half of `jwk`, as published in a JWKS. */
export function publicJwkOf(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };
}

/** A fresh private key (EC P-256, a random `kid`), for a start without a configured key and for tests. */
export async function generateSigningJwk(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256' } as SigningJwk;
}

/** What one signed identity says: the caller (null for anonymous) and the client's address when known. */
export interface Identity {
  caller: Caller | null;
  /** The client's network address as the router saw it (the `addr` claim). */
  clientAddress?: string;
}

/**
 * Signs identities as `name` (`router`, or the calling service's own name): ES256 tokens
 * with `kid` in the header, `iss` = name, `aud` = IDENTITY_AUDIENCE, `sub` = the user id
 * (absent for anonymous), `roles`, `addr`, valid IDENTITY_LIFETIME_SECONDS (60 s).
 */
export interface IdentitySigner {
  readonly name: string;
  /** The kid of the key it signs with. */
  readonly kid: string;
  sign: (identity: Identity) => Promise<string>;
  /** Its JWKS document: the current public key, then any previous ones. */
  readonly jwks: { keys: JWK[] };
}

/** A signer for `name` with the private `key`, publishing `previousPublicKeys` too. */
export async function createIdentitySigner(
  name: string,
  key: SigningJwk,
  previousPublicKeys: readonly JWK[] = [],
): Promise<IdentitySigner> {
  const privateKey = (await importJWK(key, 'ES256')) as KeyLike;
  const jwks = { keys: [publicJwkOf(key), ...previousPublicKeys.map(publicJwkOf)] };
  return {
    name,
    kid: key.kid,
    jwks,
    sign: ({ caller, clientAddress }) => {
      const token = new SignJWT({
        roles: caller?.roles ?? [],
        ...(clientAddress !== undefined ? { addr: clientAddress } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
        .setIssuer(name)
        .setAudience(IDENTITY_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${IDENTITY_LIFETIME_SECONDS}s`);
      if (caller) token.setSubject(caller.userId);
      return token.sign(privateKey);
    },
  };
}

/**
 * The signer a process starts with: `key` when configured, else (outside production,
 * where config refuses to start without it) an ephemeral key generated now and logged
 * at info naming `variable`; other processes trust it for as long as this one runs.
 */
export async function identitySignerOf(
  name: string,
  settings: { key: SigningJwk | undefined; previousPublicKeys?: readonly JWK[]; variable: string },
  logger: Pick<Logger, 'info'>,
): Promise<IdentitySigner> {
  if (settings.key) return createIdentitySigner(name, settings.key, settings.previousPublicKeys);
  const key = await generateSigningJwk();
  logger.info({ kid: key.kid }, `${settings.variable} is not set: signing identities with an ephemeral key`);
  return createIdentitySigner(name, key, settings.previousPublicKeys);
}

/**
 * GET /.well-known/jwks.json of a signer: its public keys, cacheable for a minute (a
 * verifier refetches on an unknown kid anyway). Needs no identity and is not rate-limited.
 */
export function jwksRoute(signer: IdentitySigner): RequestHandler {
  const body = JSON.stringify(signer.jwks);
  return (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=60');
    res.type('application/json').send(body);
  };
}
