import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';

/**
 * A proxy in front of one service that makes it slow: each request is passed on at
 * once (the service does the work) and its answer held back `delayMs` milliseconds
 * (0: passed back at once). `target` (an origin) may be set after the proxy starts, so
 * a service's callers can be configured with `origin` before the service exists.
 */
export interface DelayingProxy {
  /** `http://127.0.0.1:<port>`: paths are passed through (`<origin>/graphql`). */
  origin: string;
  target: string | undefined;
  delayMs: number;
  /** Requests passed on so far. */
  readonly requests: number;
  close: () => Promise<void>;
}

export async function delayingProxy(): Promise<DelayingProxy> {
  const proxy = createProxyServer({ selfHandleResponse: true });
  let requests = 0;
  const state = {
    target: undefined as string | undefined,
    delayMs: 0,
  };
  proxy.on('proxyRes', (upstream, _req, res) => {
    const chunks: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
    upstream.on('end', () => {
      const answer = (): void => {
        if (res.destroyed) return;
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        res.end(Buffer.concat(chunks));
      };
      if (state.delayMs > 0) setTimeout(answer, state.delayMs);
      else answer();
    });
  });
  const server = createServer((req, res) => {
    requests += 1;
    proxy.web(req, res, { target: state.target }, (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`proxy: ${error.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      proxy.close();
    },
  });
}
