import { parse } from 'graphql';
import {
  type BaseContext,
  createLogger,
  createSubgraphServer,
  REQUEST_ID_HEADER,
  type RunningSubgraph,
  serveSubgraph,
  IDENTITY_HEADER,
} from '../src';
import { signAs, testVerifier } from './identities';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request id a subgraph works under', () => {
  let running: RunningSubgraph;

  beforeAll(async () => {
    running = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { requestId: String! }'),
        resolvers: {
          Query: { requestId: (_parent: unknown, _args: unknown, context: BaseContext) => context.requestId },
        },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: createLogger('tiny', 'silent'),
      createContext: (context) => context,
    });
  });
  afterAll(() => running?.stop());

  const requestIdFor = async (offered?: string): Promise<string> => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signAs(null),
        ...(offered === undefined ? {} : { [REQUEST_ID_HEADER]: offered }),
      },
      body: JSON.stringify({ query: '{ requestId }' }),
    });
    const body = (await response.json()) as { data: { requestId: string } };
    return body.data.requestId;
  };

  it('is the caller’s x-request-id when it looks like an id', async () => {
    expect(await requestIdFor('checkout-7f3a:2.1')).toBe('checkout-7f3a:2.1');
  });

  it.each([
    ['none', undefined],
    ['an empty one', ''],
    ['one with spaces and quotes', 'a b"c'],
    ['one longer than 128 characters', 'x'.repeat(129)],
    ['one with a forged log field', 'id","level":60,"msg":"forged'],
  ])('is a new UUID for %s', async (_case, offered) => {
    expect(await requestIdFor(offered)).toMatch(UUID);
  });
});
