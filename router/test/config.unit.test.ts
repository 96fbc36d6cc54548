import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { generateSigningJwk, publicJwkOf } from '@agora/subgraph-kit';

describe('router config', () => {
  it('defaults to the local setup: port 4000, accounts JWKS on 4001, the repo-root supergraph', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      PORT: 4000,
      SUPERGRAPH_PATH: path.resolve(__dirname, '..', '..', 'supergraph.graphql'),
      ACCOUNTS_JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
      JWT_ISSUER: 'agora-accounts',
      JWT_AUDIENCE: 'agora',
      CORS_ORIGINS: ['http://localhost:3000', 'https://studio.apollographql.com'],
      INTROSPECTION: true,
      SUBGRAPH_TIMEOUT_MS: 10_000,
      SHUTDOWN_GRACE_MS: 5_000,
      APOLLO_TELEMETRY_DISABLED: true,
      SUBGRAPH_URLS: {},
    });
    // Outside production the router generates a key at start.
    expect(config.ROUTER_SIGNING_KEY).toBeUndefined();
  });

  it('turns introspection off in production unless asked for', async () => {
    const ROUTER_SIGNING_KEY = JSON.stringify(await generateSigningJwk());
    expect(loadConfig({ ROUTER_SIGNING_KEY, NODE_ENV: 'production' }).INTROSPECTION).toBe(false);
    expect(loadConfig({ ROUTER_SIGNING_KEY, NODE_ENV: 'production', INTROSPECTION: 'true' }).INTROSPECTION).toBe(true);
  });

  it('refuses to start in production without ROUTER_SIGNING_KEY', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'ROUTER_SIGNING_KEY: required when NODE_ENV is production',
    );
  });

  it('refuses a ROUTER_SIGNING_KEY that is not JSON or not a private EC P-256 JWK', async () => {
    const publicOnly = JSON.stringify(publicJwkOf(await generateSigningJwk()));
    expect(() => loadConfig({ ROUTER_SIGNING_KEY: 'short' })).toThrow('ROUTER_SIGNING_KEY: must be JSON');
    expect(() => loadConfig({ ROUTER_SIGNING_KEY: publicOnly })).toThrow(/ROUTER_SIGNING_KEY\.d/);
  });

  it('enforces a trusted documents list when one is given, audits only when asked, and needs the list for either', () => {
    expect(loadConfig({}).TRUSTED_DOCUMENTS_MODE).toBe('off');
    expect(loadConfig({ TRUSTED_DOCUMENTS: '/etc/agora/trusted.json' }).TRUSTED_DOCUMENTS_MODE).toBe('enforce');
    expect(
      loadConfig({ TRUSTED_DOCUMENTS: '/etc/agora/trusted.json', TRUSTED_DOCUMENTS_MODE: 'audit' })
        .TRUSTED_DOCUMENTS_MODE,
    ).toBe('audit');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_MODE: 'enforce' })).toThrow(
      'TRUSTED_DOCUMENTS: required when TRUSTED_DOCUMENTS_MODE is enforce',
    );
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_MODE: 'strict' })).toThrow(
      'TRUSTED_DOCUMENTS_MODE: must be off, audit or enforce',
    );
  });

  it('reads a comma-separated CORS allow-list and per-subgraph URL overrides', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://shop.example, https://admin.example',
      SUBGRAPH_URL_ACCOUNTS: 'http://accounts:4001/graphql',
    });

    expect(config.CORS_ORIGINS).toEqual(['https://shop.example', 'https://admin.example']);
    expect(config.SUBGRAPH_URLS).toEqual({ ACCOUNTS: 'http://accounts:4001/graphql' });
  });

  it('reads ROUTER_SIGNING_KEY from ROUTER_SIGNING_KEY_FILE, as the subgraphs read SIGNING_KEY', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'agora-router-secret-'));
    try {
      const key = await generateSigningJwk();
      const file = path.join(folder, 'router-signing-key.json');
      writeFileSync(file, `${JSON.stringify(key)}\n`);

      expect(loadConfig({ ROUTER_SIGNING_KEY_FILE: file }).ROUTER_SIGNING_KEY).toEqual(key);
      expect(() => loadConfig({ ROUTER_SIGNING_KEY: JSON.stringify(key), ROUTER_SIGNING_KEY_FILE: file })).toThrow(
        'ROUTER_SIGNING_KEY, ROUTER_SIGNING_KEY_FILE: set one of them, not both',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start with a message naming each bad variable', () => {
    expect(() =>
      loadConfig({ ROUTER_SIGNING_KEY: 'short', SUBGRAPH_TIMEOUT_MS: 'soon', SUBGRAPH_URL_REVIEWS: 'reviews' }),
    ).toThrow(/ROUTER_SIGNING_KEY: must be JSON[\s\S]*SUBGRAPH_TIMEOUT_MS/);
    expect(() => loadConfig({ SUBGRAPH_URL_REVIEWS: 'reviews' })).toThrow(/SUBGRAPH_URL_REVIEWS/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});
