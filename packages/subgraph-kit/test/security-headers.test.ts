import { parse } from 'graphql';
import { type BaseContext, createLogger, createSubgraphServer, type RunningSubgraph, serveSubgraph } from '../src';
import { testVerifier } from './identities';

describe('subgraph security headers', () => {
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    subgraph = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { hello: String }'),
        resolvers: { Query: { hello: () => 'hi' } },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: createLogger('tiny', 'silent'),
      createContext: (context) => context,
    });
  });

  afterAll(() => subgraph?.stop());

  it('sends them on /graphql refusals, /live, /metrics and 404s', async () => {
    const base = subgraph.url.replace('/graphql', '');
    const responses = await Promise.all([
      // Refused before Apollo Server: not JSON.
      fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ hello }' }),
      fetch(`${base}/live`),
      fetch(`${base}/metrics`),
      fetch(`${base}/nowhere`),
    ]);

    expect(responses.map((response) => response.status)).toEqual([415, 200, 200, 404]);
    for (const { headers } of responses) {
      expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });
});
