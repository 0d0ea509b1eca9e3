/**
 * `npm run compose` writes `schema/supergraph.graphql` from the four subgraph SDLs.
 * `npm run compose:check` writes nothing and exits 1 when composition fails or the
 * committed supergraph differs from a fresh compose.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { SUPERGRAPH_PATH } from './sdl';
import { composeSupergraph } from './supergraph';

function main(): void {
  const check = process.argv.includes('--check');
  const result = composeSupergraph();
  if ('errors' in result) {
    for (const error of result.errors) console.error(`composition: ${error}`);
    process.exit(1);
  }
  if (check) {
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}

main();
