/**
 * Our gateway as a target of the shared gateway harness (`../shared/bench/gateway-anchor`):
 * the production set-up (NODE_ENV=production: verified JWTs, signed principal header,
 * graphql-armor limits, the @access and read-only plugins, error masking, subgraph time
 * limits, in-flight de-duplication as configured) over the harness's supergraph and
 * subgraphs instead of ours.
 *
 *   node --require ./ops/register-typescript.cjs bench/gateway-target.ts <port> <supergraph file> <name=url,...>
 *
 * Prints `READY <url>` once it listens. Settings come from the environment as in
 * production; the four subgraph URL settings production requires are filled with the
 * harness's first subgraph (they name our subgraphs, which this graph does not have).
 */
import { readFileSync } from 'node:fs';

import { loadGatewayConfig } from '../gateway/config';
import { createGatewayServer } from '../gateway/gateway-server';
import { SUBGRAPH_NAMES } from '../schema/sdl';

async function main(): Promise<void> {
  const [port, supergraphFile, urlList] = process.argv.slice(2);
  if (!port || !supergraphFile || !urlList) throw new Error('usage: gateway-target.ts <port> <supergraph file> <name=url,...>');
  const urls = Object.fromEntries(urlList.split(',').map((pair) => pair.split('=') as [string, string]));
  const first = Object.values(urls)[0]!;
  const config = loadGatewayConfig({
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, first])),
    ...process.env,
    NODE_ENV: 'production',
  });
  const gateway = await createGatewayServer(config, urls, { supergraphSdl: readFileSync(supergraphFile, 'utf8') });
  const url = await gateway.listen(Number(port), '127.0.0.1');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void gateway.stop().finally(() => process.exit(0)));
  }
  console.log(`READY ${url} pid=${process.pid}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
