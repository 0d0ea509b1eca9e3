import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { closeServer, listen } from '../server/listen';

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * `GET /metrics` on a port of its own (`METRICS_PORT`), never on the graph's public port:
 * what the graph serves, how often and how it fails is for the operator's scraper, which
 * reaches it inside the network; clients with a token do not. Anything else is 404.
 */
export async function serveMetrics(port: number, host: string, render: () => Promise<string>, contentType: string): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') {
      res.statusCode = 404;
      res.end();
      return;
    }
    render().then(
      (body) => {
        res.statusCode = 200;
        res.setHeader('content-type', contentType);
        res.end(body);
      },
      () => {
        res.statusCode = 503;
        res.end();
      },
    );
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { url: `http://${shownHost}:${address.port}/metrics`, stop: () => closeServer(server) };
}
