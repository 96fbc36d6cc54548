import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String! }
`;

const INTROSPECTION = '{ __schema { queryType { name } } }';
const BROWSER = { accept: 'text/html' };

/** The headers securityHeaders sets, as a JSON API's responses must carry them. */
function expectSecurityHeaders(headers: Headers, csp: RegExp): void {
  expect(headers.get('content-security-policy')).toMatch(csp);
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

describe('router production defaults', () => {
  let subgraph: RunningSubgraph;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let production: Router & { url: string };
  let development: Router & { url: string };

  beforeAll(async () => {
    subgraph = await startTinySubgraph('greeting', {
      sdl: greetingSdl,
      resolvers: { Query: { greeting: () => 'hi' } },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'greeting', url: subgraph.url, sdl: greetingSdl }]),
    );
    production = await startRouter(supergraphPath, { NODE_ENV: 'production' });
    development = await startRouter(supergraphPath, { NODE_ENV: 'development' });
  });

  afterAll(async () => {
    await production?.stop();
    await development?.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  it('shows no landing page and refuses introspection in production', async () => {
    const page = await fetch(production.url, { headers: BROWSER });
    const introspection = await post(production.url, INTROSPECTION);

    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await page.text()).not.toMatch(/<html/i);
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await post(production.url, '{ greeting }')).body).toEqual({ data: { greeting: 'hi' } });
  });

  it('shows the local landing page and answers introspection in development', async () => {
    const page = await fetch(development.url, { headers: BROWSER });
    const introspection = await post(development.url, INTROSPECTION);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('embeddable-sandbox');
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('sends the security headers on /graphql, /live, /metrics, refusals and 404s in production', async () => {
    const base = production.url.replace('/graphql', '');
    const responses = [
      await fetch(production.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ greeting }' }),
      }),
      await fetch(`${base}/live`),
      await fetch(`${base}/metrics`),
      // Refused before Apollo Server (415), by Apollo Server (a GraphQL error), and no such route.
      await fetch(production.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ greeting }' }),
      await fetch(production.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ nope }' }),
      }),
      await fetch(`${base}/nowhere`),
    ];

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 415, 400, 404]);
    for (const response of responses) expectSecurityHeaders(response.headers, /^default-src 'none'/);
  });

  it('keeps a policy the landing page works under in development: no fetch directives of its own', async () => {
    const page = await fetch(development.url, { headers: BROWSER });

    expectSecurityHeaders(page.headers, /frame-ancestors/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/default-src|script-src|style-src|frame-src/);
  });
});
