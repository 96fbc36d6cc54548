import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { IDENTITY_SECRET } from './helpers';

describe('router config', () => {
  it('defaults to the local setup: port 4000, accounts JWKS on 4001, the repo-root supergraph', () => {
    const config = loadConfig({ IDENTITY_SECRET });

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
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ IDENTITY_SECRET, NODE_ENV: 'production' }).INTROSPECTION).toBe(false);
    expect(loadConfig({ IDENTITY_SECRET, NODE_ENV: 'production', INTROSPECTION: 'true' }).INTROSPECTION).toBe(true);
  });

  it('enforces a trusted documents list when one is given, audits only when asked, and needs the list for either', () => {
    expect(loadConfig({ IDENTITY_SECRET }).TRUSTED_DOCUMENTS_MODE).toBe('off');
    expect(loadConfig({ IDENTITY_SECRET, TRUSTED_DOCUMENTS: '/etc/agora/trusted.json' }).TRUSTED_DOCUMENTS_MODE).toBe(
      'enforce',
    );
    expect(
      loadConfig({ IDENTITY_SECRET, TRUSTED_DOCUMENTS: '/etc/agora/trusted.json', TRUSTED_DOCUMENTS_MODE: 'audit' })
        .TRUSTED_DOCUMENTS_MODE,
    ).toBe('audit');
    expect(() => loadConfig({ IDENTITY_SECRET, TRUSTED_DOCUMENTS_MODE: 'enforce' })).toThrow(
      'TRUSTED_DOCUMENTS: required when TRUSTED_DOCUMENTS_MODE is enforce',
    );
    expect(() => loadConfig({ IDENTITY_SECRET, TRUSTED_DOCUMENTS_MODE: 'strict' })).toThrow(
      'TRUSTED_DOCUMENTS_MODE: must be off, audit or enforce',
    );
  });

  it('reads a comma-separated CORS allow-list and per-subgraph URL overrides', () => {
    const config = loadConfig({
      IDENTITY_SECRET,
      CORS_ORIGINS: 'https://shop.example, https://admin.example',
      SUBGRAPH_URL_ACCOUNTS: 'http://accounts:4001/graphql',
    });

    expect(config.CORS_ORIGINS).toEqual(['https://shop.example', 'https://admin.example']);
    expect(config.SUBGRAPH_URLS).toEqual({ ACCOUNTS: 'http://accounts:4001/graphql' });
  });

  it('reads IDENTITY_SECRET from IDENTITY_SECRET_FILE, as the subgraphs do', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'agora-router-secret-'));
    try {
      const file = path.join(folder, 'identity');
      writeFileSync(file, `${IDENTITY_SECRET}\n`);

      expect(loadConfig({ IDENTITY_SECRET_FILE: file }).IDENTITY_SECRET).toBe(IDENTITY_SECRET);
      expect(() => loadConfig({ IDENTITY_SECRET, IDENTITY_SECRET_FILE: file })).toThrow(
        'IDENTITY_SECRET, IDENTITY_SECRET_FILE: set one of them, not both',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start with a message naming each bad variable', () => {
    expect(() =>
      loadConfig({ IDENTITY_SECRET: 'short', SUBGRAPH_TIMEOUT_MS: 'soon', SUBGRAPH_URL_REVIEWS: 'reviews' }),
    ).toThrow(/IDENTITY_SECRET: must be at least 32 characters[\s\S]*SUBGRAPH_TIMEOUT_MS/);
    expect(() => loadConfig({ IDENTITY_SECRET, SUBGRAPH_URL_REVIEWS: 'reviews' })).toThrow(/SUBGRAPH_URL_REVIEWS/);
    expect(() => loadConfig({ IDENTITY_SECRET, SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});
