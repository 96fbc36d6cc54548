import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  type BaseContext,
  createIdentityVerifier,
  createLogger,
  createSubgraphServer,
  generateSigningJwk,
  type IdentityVerifier,
  type Logger,
  publicJwkOf,
  type RunningSubgraph,
  serveSubgraph,
  type SigningJwk,
} from '@agora/subgraph-kit';
import type express from 'express';
import { parse } from 'graphql';
import { createLocalJWKSet, exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { createRouter, type Router } from '../src/app';
import { composeSupergraph } from '../src/compose';
import { loadConfig } from '../src/config';

/** The private key test routers sign subgraph identities with (ROUTER_SIGNING_KEY), one per test file. */
export const ROUTER_KEY: Promise<SigningJwk> = generateSigningJwk();

/** The settings a test router signs with: ROUTER_SIGNING_KEY = ROUTER_KEY. */
export async function routerSigningEnv(): Promise<NodeJS.ProcessEnv> {
  return { ROUTER_SIGNING_KEY: JSON.stringify(await ROUTER_KEY) };
}

/** What a tiny subgraph verifies with: the test router's public key (no HTTP), as TRUSTED_SIGNERS would give. */
export const routerTrustingVerifier: IdentityVerifier = createIdentityVerifier({
  router: async (header, token) => createLocalJWKSet({ keys: [publicJwkOf(await ROUTER_KEY)] })(header, token),
});
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** A folder of this test's own under the OS temp dir. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agora-router-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TinySubgraphOptions {
  sdl: string;
  resolvers: object;
  /** Runs before /graphql on every request (to look at what the router sent). */
  inspect?: express.RequestHandler;
  /** Where the subgraph logs; nowhere by default. */
  logger?: Logger;
}

/** A real subgraph server on a free port, built with the same kit as ours. */
export async function startTinySubgraph(name: string, options: TinySubgraphOptions): Promise<RunningSubgraph> {
  const inspect = options.inspect;
  return serveSubgraph<BaseContext>({
    server: createSubgraphServer<BaseContext, object>({ typeDefs: parse(options.sdl), resolvers: options.resolvers }),
    port: 0,
    host: '127.0.0.1',
    verifier: routerTrustingVerifier,
    logger: options.logger ?? createLogger(name, 'silent'),
    createContext: (base) => base,
    routes: inspect ? (app) => app.use('/graphql', inspect) : undefined,
  });
}

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Composes the subgraphs through a supergraph.yaml in `dir`, as `npm run compose` does. */
export async function composeInto(dir: string, subgraphs: SubgraphSource[]): Promise<string> {
  const lines = ['subgraphs:'];
  for (const subgraph of subgraphs) {
    await writeFile(path.join(dir, `${subgraph.name}.graphql`), subgraph.sdl);
    lines.push(
      `  ${subgraph.name}:`,
      `    routing_url: ${subgraph.url}`,
      `    schema:`,
      `      file: ./${subgraph.name}.graphql`,
    );
  }
  const yamlPath = path.join(dir, 'supergraph.yaml');
  await writeFile(yamlPath, `${lines.join('\n')}\n`);
  const result = await composeSupergraph(yamlPath);
  if (!result.ok) throw new Error(`composition failed:\n${result.errors.join('\n')}`);
  return result.supergraphSdl;
}

/** A router on a free port over the supergraph file at `supergraphPath`, logging nowhere unless given a logger. */
export async function startRouter(
  supergraphPath: string,
  env: NodeJS.ProcessEnv = {},
  logger?: Logger,
): Promise<Router & { url: string }> {
  const router = createRouter(
    loadConfig({ ...(await routerSigningEnv()), LOG_LEVEL: 'silent', SUPERGRAPH_PATH: supergraphPath, ...env }),
    logger,
  );
  const { port } = await router.start(0, '127.0.0.1');
  return Object.assign(router, { url: `http://127.0.0.1:${port}/graphql` });
}

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs an operation to the router the way a client does. */
export async function post(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse['body'],
  };
}

export interface TokenOptions {
  sub?: string;
  roles?: string[];
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  /** The session id claim (`sid`); none unless given, as in tokens from before accounts added it. */
  sid?: string;
  /** Signs with another key than the one the JWKS publishes. */
  key?: KeyLike;
}

export interface AccountsJwks {
  /** The JWKS URL to give the router as ACCOUNTS_JWKS_URL. */
  url: string;
  /** An access token as accounts issues them (ES256), valid for 5 minutes unless told otherwise. */
  token: (options?: TokenOptions) => Promise<string>;
  stop: () => Promise<void>;
}

/** Stands in for accounts' /.well-known/jwks.json, with the key that signs `token`. */
export async function startAccountsJwks(): Promise<AccountsJwks> {
  const keyId = 'accounts-key-1';
  const pair = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: keyId, alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    token: (options = {}) =>
      new SignJWT({ roles: options.roles ?? ['customer'], ...(options.sid ? { sid: options.sid } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid: keyId })
        .setSubject(options.sub ?? 'user-1')
        .setIssuer(options.issuer ?? 'agora-accounts')
        .setAudience(options.audience ?? 'agora')
        .setIssuedAt()
        .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 300)
        .sign(options.key ?? pair.privateKey),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
