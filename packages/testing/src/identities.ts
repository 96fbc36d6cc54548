import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Caller,
  createIdentitySigner,
  generateSigningJwk,
  type IdentitySigner,
  ROUTER_SIGNER,
  type SigningJwk,
} from '@agora/subgraph-kit';

/** Signing keys for a test: the router's and each named service's, their JWKS served over HTTP. */
export interface TestSigners {
  /** Each signer's private key by name (`router`, `orders`, …), as a SIGNING_KEY setting takes it (JSON.stringify). */
  keys: Record<string, SigningJwk>;
  /** Each signer by name. */
  byName: Record<string, IdentitySigner>;
  /** A TRUSTED_SIGNERS value naming every one of them with its JWKS URL. */
  trusted: string;
  /** Each signer's JWKS URL by name. */
  jwksUrls: Record<string, string>;
  /**
   * The identity token for `caller`: signed by `caller.service`'s key for a serviceCaller,
   * else by the router's (anonymous callers included), with `clientAddress` as `addr`.
   */
  sign: (caller: Caller | null, clientAddress?: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** Generates a key for the router and each of `services`, and serves their JWKS at `/<name>/jwks.json` on a free port. */
export async function startTestSigners(services: readonly string[]): Promise<TestSigners> {
  const names = [ROUTER_SIGNER, ...services];
  const keys: Record<string, SigningJwk> = {};
  const byName: Record<string, IdentitySigner> = {};
  for (const name of names) {
    keys[name] = await generateSigningJwk();
    byName[name] = await createIdentitySigner(name, keys[name]);
  }
  const server = createServer((req, res) => {
    const name = /^\/([\w-]+)\/jwks\.json$/.exec(req.url ?? '')?.[1];
    const signer = name === undefined ? undefined : byName[name];
    res.writeHead(signer ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(signer ? signer.jwks : { error: 'no such signer' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwksUrls = Object.fromEntries(names.map((name) => [name, `${base}/${name}/jwks.json`]));
  const router = byName[ROUTER_SIGNER] as IdentitySigner;
  return {
    keys,
    byName,
    jwksUrls,
    trusted: Object.entries(jwksUrls)
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    sign: (caller, clientAddress) => {
      const signer = (caller?.service !== undefined ? byName[caller.service] : undefined) ?? router;
      return signer.sign({ caller, clientAddress });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
