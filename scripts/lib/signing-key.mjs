// A private identity-signing key as the router and the services read it
// (ROUTER_SIGNING_KEY, SIGNING_KEY): an EC P-256 JWK with a `kid` and `alg: ES256`, as JSON.
// Node's own crypto, so scripts that run before `npm run build` can make one.
import { generateKeyPairSync, randomUUID } from 'node:crypto';

export function signingKeyJson() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256' });
}
