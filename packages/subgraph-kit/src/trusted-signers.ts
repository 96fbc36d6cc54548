import { z } from 'zod';
import { JWKS_PATH, ROUTER_SIGNER } from './identity';

/** The local development port of each signer (`npm start`), for the defaults of TRUSTED_SIGNERS. */
export const SIGNER_DEV_PORTS: Readonly<Record<string, number>> = {
  [ROUTER_SIGNER]: 4000,
  inventory: 4003,
  reviews: 4004,
  cart: 4005,
  orders: 4006,
  notifications: 4010,
};

/** `router=http://127.0.0.1:4000/.well-known/jwks.json,orders=…`: the router and `callers` at their local ports. */
export function localTrustedSigners(callers: readonly string[]): string {
  return [ROUTER_SIGNER, ...callers]
    .map((name) => `${name}=http://127.0.0.1:${SIGNER_DEV_PORTS[name] ?? 0}${JWKS_PATH}`)
    .join(',');
}

/** Parses `name=jwksUrl,name=jwksUrl` into a record by name; each entry must be a name, `=` and a URL. */
export const trustedSignersSetting = z.string().transform((text, ctx) => {
  const signers: Record<string, string> = {};
  for (const entry of text.split(',').map((item) => item.trim())) {
    if (entry === '') continue;
    const [name = '', url = ''] = entry.split(/=(.*)/s, 2).map((part) => part.trim());
    if (!/^[a-z][a-z0-9-]*$/.test(name) || !z.url().safeParse(url).success) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not name=jwksUrl` });
      continue;
    }
    signers[name] = url;
  }
  if (Object.keys(signers).length === 0) ctx.addIssue({ code: 'custom', message: 'names no signer' });
  return signers;
});

/**
 * A subgraph's TRUSTED_SIGNERS setting: comma-separated `name=jwksUrl` of the signers
 * whose identity tokens it accepts (the token's `iss` picks the key set); by default
 * the router and `callers` at their local development ports.
 */
export function trustedSignersEnv(callers: readonly string[] = []) {
  return trustedSignersSetting.prefault(localTrustedSigners(callers));
}
