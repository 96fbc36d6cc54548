import type { Socket } from 'node:net';
import { parse } from 'graphql';
import { type BaseContext, createSubgraphServer, IDENTITY_HEADER, type RunningSubgraph, serveSubgraph } from '../src';
import { type CapturedLog, captureLog, malformedRequests, openRaw, sendRaw } from '@agora/testing';
import { signAs, testVerifier } from './identities';

const GOOD_BODY = '{"query":"{ greeting }"}';
/** A whole, good request, with the router's token for an anonymous caller. */
const goodRequest = async (): Promise<string> =>
  `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${IDENTITY_HEADER}: ${await signAs(null)}\r\n` +
  `Content-Length: ${GOOD_BODY.length}\r\n\r\n${GOOD_BODY}`;

describe('serveSubgraph answers what Node’s HTTP parser refuses', () => {
  let log: CapturedLog;
  let running: RunningSubgraph;
  let finishStream = (): void => undefined;

  beforeAll(async () => {
    log = captureLog('tiny');
    running = await serveSubgraph<BaseContext>({
      server: createSubgraphServer<BaseContext>({
        typeDefs: parse('type Query { greeting: String! }'),
        resolvers: { Query: { greeting: () => 'hi' } },
      }),
      port: 0,
      host: '127.0.0.1',
      verifier: testVerifier,
      logger: log.logger,
      createContext: (context) => context,
      routes: (app) => {
        // A response that begins, and ends when the test says so.
        app.get('/stream', (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('first part');
          finishStream = () => res.end(', last part');
        });
        // A response given before the request's body is read.
        app.post('/early', (_req, res) => {
          res.json({ answered: 'early' });
        });
      },
    });
  });

  afterAll(() => running?.stop());

  it.each(malformedRequests)(
    'answers $name with $status $code as GraphQL JSON, then closes',
    async ({ request, status, code, message }) => {
      const { responses } = await sendRaw(running.port, request);

      expect(responses).toHaveLength(1);
      expect(responses[0]?.status).toBe(status);
      expect(responses[0]?.headers['content-type']).toMatch(/^application\/json/);
      expect(responses[0]?.headers.connection).toBe('close');
      expect(JSON.parse(responses[0]?.body ?? '')).toEqual({
        errors: [{ message: expect.stringMatching(message), extensions: { code } }],
      });
    },
  );

  it('answers a malformed request that follows a good one on the same connection', async () => {
    const { responses } = await sendRaw(running.port, `${await goodRequest()}GARBAGE\r\n\r\n`);

    expect(responses.map((response) => response.status)).toEqual([200, 400]);
    expect(JSON.parse(responses[0]?.body ?? '')).toEqual({ data: { greeting: 'hi' } });
    expect(JSON.parse(responses[1]?.body ?? '')).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers a request timeout Node reports with 408 REQUEST_TIMEOUT', async () => {
    const accepted = new Promise<Socket>((resolve) => running.httpServer.once('connection', resolve));
    const connection = await openRaw(running.port);
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });

    running.httpServer.emit('clientError', timeout, await accepted);
    const { responses } = await connection.closed;

    expect(responses.map((response) => response.status)).toEqual([408]);
    expect(JSON.parse(responses[0]?.body ?? '')).toEqual({
      errors: [{ message: 'The request did not arrive in full in time.', extensions: { code: 'REQUEST_TIMEOUT' } }],
    });
  });

  it('answers a malformed request after the response under way before it on the same connection', async () => {
    const connection = await openRaw(running.port);
    connection.socket.write('GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await connection.received('first part');

    connection.socket.write('GARBAGE\r\n\r\n');
    finishStream();
    const { text } = await connection.closed;

    expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 400']);
    expect(text.indexOf(', last part')).toBeLessThan(text.indexOf('HTTP/1.1 400'));
  });

  it('writes nothing after the response to a request whose own body then breaks, and closes', async () => {
    const connection = await openRaw(running.port);
    connection.socket.write(
      'POST /early HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    await connection.received('early');

    connection.socket.write('zz\r\n{}\r\n0\r\n\r\n');
    const { text } = await connection.closed;

    expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200']);
    expect(text).not.toContain('BAD_REQUEST');
  });

  it('logs none of them as an error', () => {
    expect(log.atLeast(50)).toEqual([]);
  });
});
