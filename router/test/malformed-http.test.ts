import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { type CapturedLog, captureLog, malformedRequests, sendRaw } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, FEDERATION_LINK, startRouter, startTinySubgraph, tempDir } from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String! }
`;
const GOOD_BODY = '{"query":"{ greeting }"}';
const GOOD_REQUEST =
  'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${GOOD_BODY.length}\r\n\r\n${GOOD_BODY}`;

describe('the router answers what Node’s HTTP parser refuses', () => {
  let subgraph: RunningSubgraph;
  let router: Router & { url: string };
  let port: number;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let log: CapturedLog;

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
    log = captureLog('router');
    router = await startRouter(supergraphPath, {}, log.logger);
    port = Number(new URL(router.url).port);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  it.each(malformedRequests)(
    'answers $name with $status $code as GraphQL JSON, then closes',
    async ({ request, status, code, message }) => {
      const { responses } = await sendRaw(port, request);

      expect(responses).toHaveLength(1);
      expect(responses[0]?.status).toBe(status);
      expect(responses[0]?.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(responses[0]?.body ?? '')).toEqual({
        errors: [{ message: expect.stringMatching(message), extensions: { code } }],
      });
    },
  );

  it('answers a malformed request after the good one before it on the same connection', async () => {
    const { responses } = await sendRaw(port, `${GOOD_REQUEST}GET / HTTP/1.1\r\nHost: localhost\r\nX: \x00\r\n\r\n`);

    expect(responses.map((response) => response.status)).toEqual([200, 400]);
    expect(JSON.parse(responses[0]?.body ?? '')).toEqual({ data: { greeting: 'hi' } });
  });

  it('logs none of them as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });
});
