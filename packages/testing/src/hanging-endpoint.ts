import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** What the endpoint answers a request with while it answers. */
export type EndpointAnswer = (request: { headers: IncomingHttpHeaders; body: unknown }) => {
  status: number;
  body: unknown;
};

/**
 * A GraphQL endpoint on a real socket that can be made to hang: while `hanging` it
 * accepts TCP connections and reads what comes but never answers (the dependency that
 * "accepts connections but never answers"); otherwise an HTTP server answers each
 * request with `answer`. It counts the requests that reached it either way. When it stops
 * hanging, the connections holding a request are closed (as a restarted process would)
 * and idle ones are answered from then on: fetch keeps spare connections open.
 */
export interface HangingEndpoint {
  url: string;
  hanging: boolean;
  /** Requests that reached the socket while it hung. */
  readonly hungRequests: number;
  /** Requests it answered. */
  readonly answeredRequests: number;
  close: () => Promise<void>;
}

export async function startHangingEndpoint(answer: EndpointAnswer): Promise<HangingEndpoint> {
  let hungRequests = 0;
  let answeredRequests = 0;
  const sockets = new Set<Socket>();
  /** Connections accepted while hanging, and whether a request arrived on each. */
  const held = new Map<Socket, { received: boolean }>();
  let hanging = true;
  const http = createHttpServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      answeredRequests += 1;
      const { status, body } = answer({ headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : undefined });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  const endpoint = {
    url: '',
    get hanging() {
      return hanging;
    },
    set hanging(value: boolean) {
      hanging = value;
      if (value) return;
      for (const [socket, { received }] of held) {
        socket.removeAllListeners('data');
        if (received) socket.destroy();
        else http.emit('connection', socket);
      }
      held.clear();
    },
    get hungRequests() {
      return hungRequests;
    },
    get answeredRequests() {
      return answeredRequests;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (!hanging) {
      http.emit('connection', socket);
      return;
    }
    const state = { received: false };
    held.set(socket, state);
    socket.on('close', () => held.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      state.received = true;
      hungRequests += chunk.toString('latin1').match(/^(POST|GET) /gm)?.length ?? 0;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return endpoint;
}
