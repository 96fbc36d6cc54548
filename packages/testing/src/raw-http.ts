import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response read off a raw connection. */
export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** What came back on a raw connection by the time the server closed it. */
export interface RawExchange {
  /** Every byte received, as latin1 text. */
  text: string;
  /** The responses in it, in order (a response without Content-Length runs to the end). */
  responses: RawResponse[];
}

function parseResponses(received: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = received;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const bodyStart = headEnd + 4;
    const length =
      headers['content-length'] === undefined ? rest.length - bodyStart : Number(headers['content-length']);
    responses.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: rest.subarray(bodyStart, bodyStart + length).toString('utf8'),
    });
    rest = rest.subarray(bodyStart + length);
  }
  return responses;
}

/** A raw TCP connection to an HTTP server, for requests no HTTP client would send. */
export interface RawConnection {
  socket: Socket;
  /** Resolves once the server has closed the connection, with everything it sent. */
  closed: Promise<RawExchange>;
  /** Resolves with what was received once it includes `text`. */
  received: (text: string) => Promise<string>;
}

/** Opens a raw connection to 127.0.0.1:`port`. */
export async function openRaw(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const waiters: { text: string; resolve: (received: string) => void }[] = [];
  const receivedText = (): string => Buffer.concat(chunks).toString('latin1');
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    for (const waiter of waiters.filter((w) => receivedText().includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(receivedText());
    }
  });
  const closed = new Promise<RawExchange>((resolve) => {
    // A reset after the response still leaves what was received to look at.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const received = Buffer.concat(chunks);
      resolve({ text: received.toString('latin1'), responses: parseResponses(received) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    received: (text) =>
      receivedText().includes(text)
        ? Promise.resolve(receivedText())
        : new Promise((resolve) => waiters.push({ text, resolve })),
  };
}

/** Sends `request` as it is (latin1 text or bytes) and resolves with what came back once the server closed. */
export async function sendRaw(port: number, request: string | Buffer): Promise<RawExchange> {
  const connection = await openRaw(port);
  connection.socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  return connection.closed;
}

/** A request Node's HTTP layer refuses before any route sees it, and what every Agora service answers it with. */
export interface MalformedRequest {
  name: string;
  request: string;
  status: number;
  code: string;
  message: RegExp;
}

const JSON_POST = 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n';
const QUERY = '{"query":"{ __typename }"}';

/** Malformed requests on /graphql, for the router's and the subgraphs' tests alike. */
export const malformedRequests: MalformedRequest[] = [
  {
    name: 'headers over 16 KiB',
    request: `GET /graphql HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${'a'.repeat(17_000)}\r\n\r\n`,
    status: 431,
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: /larger than 16384 bytes/,
  },
  {
    name: 'a garbage request line',
    request: 'GARBAGE\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
    message: /not valid HTTP\/1\.1: Invalid method/,
  },
  {
    name: 'an HTTP version that does not exist',
    request: 'GET /graphql HTTP/9.9\r\nHost: localhost\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
    message: /Invalid HTTP version/,
  },
  {
    name: 'Content-Length: abc',
    request: `${JSON_POST}Content-Length: abc\r\n\r\n${QUERY}`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /Content-Length/,
  },
  {
    name: 'two Content-Lengths',
    request: `${JSON_POST}Content-Length: 26\r\nContent-Length: 27\r\n\r\n${QUERY}`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /Duplicate Content-Length/,
  },
  {
    name: 'Transfer-Encoding with Content-Length',
    request: `${JSON_POST}Content-Length: 26\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n${QUERY}\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /Transfer-Encoding/,
  },
  {
    name: 'a control character in a header value',
    request: `GET /graphql HTTP/1.1\r\nHost: localhost\r\nX-Note: a\x01b\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /Invalid header value char/,
  },
  {
    name: 'a control character in a header name',
    request: `GET /graphql HTTP/1.1\r\nHost: localhost\r\nX\x7fNote: ab\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /Invalid header token/,
  },
  {
    name: 'a byte above 0x7f in the path',
    request: 'GET /graphql\xff HTTP/1.1\r\nHost: localhost\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
    message: /not valid HTTP\/1\.1/,
  },
  {
    name: 'a chunked body with a chunk size that is not hex',
    request: `${JSON_POST}Transfer-Encoding: chunked\r\n\r\nzz\r\n${QUERY}\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
    message: /chunk size/,
  },
  {
    name: 'an HTTP/1.1 request without Host',
    request: 'GET /graphql HTTP/1.1\r\napollo-require-preflight: true\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
    message: /needs a Host header/,
  },
  {
    name: 'an Expect other than 100-continue',
    request: `${JSON_POST}Expect: 200-ok\r\nContent-Length: 26\r\n\r\n${QUERY}`,
    status: 417,
    code: 'BAD_REQUEST',
    message: /100-continue/,
  },
  {
    name: 'CONNECT',
    request: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    status: 405,
    code: 'BAD_REQUEST',
    message: /CONNECT is not allowed/,
  },
];
