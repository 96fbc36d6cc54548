import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';

/** A load balancer in front of a service's replicas, as a Kubernetes Service is. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: paths are passed through (`<origin>/graphql`). */
  origin: string;
  /** Requests sent to each target so far, in the order of the targets. */
  requests: number[];
  close: () => Promise<void>;
}

/**
 * An HTTP load balancer on a free port of 127.0.0.1 that sends each request to the
 * next of `targets` (origins, `http://127.0.0.1:4006`) in turn, over http-proxy-3.
 * A target that cannot be reached answers 502.
 */
export async function roundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const proxy = createProxyServer({ xfwd: true });
  const requests = targets.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % targets.length;
    requests[index] = (requests[index] ?? 0) + 1;
    proxy.web(req, res, { target: targets[index] }, (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`proxy: ${error.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      proxy.close();
    },
  };
}
