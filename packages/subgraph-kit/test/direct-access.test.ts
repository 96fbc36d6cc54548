import { parse } from 'graphql';
import {
  createLogger,
  createSubgraphServer,
  IDENTITY_HEADER,
  type BaseContext,
  type RunningSubgraph,
  serveSubgraph,
} from '../src';
import { signAs, testSigner, testVerifier } from './identities';

describe('a subgraph reached directly, bypassing the router', () => {
  let running: RunningSubgraph;
  let base: string;

  beforeAll(async () => {
    running = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { me: String }'),
        resolvers: {
          Query: {
            me: (_parent: unknown, _args: unknown, context: BaseContext) => context.caller?.userId ?? 'anonymous',
          },
        },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      // A service that calls others publishes its public keys.
      signer: await testSigner('orders'),
      logger: createLogger('direct', 'silent'),
      createContext: (context) => context,
    });
    base = running.url.replace('/graphql', '');
  });

  afterAll(() => running?.stop());

  const post = (headers: Record<string, string>) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me }' }),
    });

  it('answers /graphql without a signed identity with 401 UNAUTHENTICATED', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('answers /graphql with a router-signed anonymous identity', async () => {
    const response = await post({ [IDENTITY_HEADER]: await signAs(null) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: 'anonymous' } });
  });

  it.each(['/live', '/ready', '/metrics', '/.well-known/jwks.json'])('still answers GET %s with 200', async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
  });

  it('publishes its signer’s public key, without the private part', async () => {
    const orders = await testSigner('orders');
    const body = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(body.keys).toEqual([expect.objectContaining({ kid: orders.kid, alg: 'ES256', kty: 'EC', crv: 'P-256' })]);
    expect(body.keys[0]).not.toHaveProperty('d');
  });
});
