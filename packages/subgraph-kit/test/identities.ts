import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Caller } from '../src/identity';
import { createIdentitySigner, generateSigningJwk, type IdentitySigner } from '../src/identity-signer';
import { createIdentityVerifier } from '../src/identity-verifier';

/** The signers these tests use: the router and two services, each with a fresh key. */
const SIGNER_NAMES = ['router', 'orders', 'cart'] as const;
type SignerName = (typeof SIGNER_NAMES)[number];

const signers: Promise<Record<SignerName, IdentitySigner>> = (async () => {
  const entries = await Promise.all(
    SIGNER_NAMES.map(async (name) => [name, await createIdentitySigner(name, await generateSigningJwk())] as const),
  );
  return Object.fromEntries(entries) as Record<SignerName, IdentitySigner>;
})();

/** `name`'s public keys as a local key set (no HTTP), resolved once its key exists. */
function localKeys(name: SignerName): JWTVerifyGetKey {
  return async (header, token) => createLocalJWKSet((await signers)[name].jwks)(header, token);
}

/** A verifier trusting the test router, orders and cart. */
export const testVerifier = createIdentityVerifier(
  Object.fromEntries(SIGNER_NAMES.map((name) => [name, localKeys(name)])),
);

/** One of the test signers. */
export async function testSigner(name: SignerName): Promise<IdentitySigner> {
  return (await signers)[name];
}

/** The identity token for `caller`: `caller.service`'s own key for a service, else the router's. */
export async function signAs(caller: Caller | null, clientAddress?: string): Promise<string> {
  const all = await signers;
  const signer = caller?.service === 'orders' || caller?.service === 'cart' ? all[caller.service] : all.router;
  return signer.sign({ caller, clientAddress });
}
