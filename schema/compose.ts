/**
 * `npm run compose` writes `schema/supergraph.graphql` from the four subgraph SDLs and
 * `schema/persisted-operations.json` from the contract's and the project's operations.
 * `npm run compose:check` writes nothing and exits 1 when composition fails or either
 * committed file differs from a fresh build.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';

import { buildManifest, MANIFEST_PATH } from './operation-manifest';
import { SUPERGRAPH_PATH } from './sdl';
import { composeSupergraph } from './supergraph';

function main(): void {
  const check = process.argv.includes('--check');
  const result = composeSupergraph();
  if ('errors' in result) {
    for (const error of result.errors) console.error(`composition: ${error}`);
    process.exit(1);
  }
  const operations = buildManifest();
  // Every persisted operation must be valid against the public API of the new supergraph.
  const api = Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const invalid = operations.operations.flatMap((operation) => validate(api, parse(operation.body)).map((error) => `operation ${operation.name}: ${error.message}`));
  if (invalid.length > 0) {
    for (const message of invalid) console.error(message);
    process.exit(1);
  }
  const manifest = `${JSON.stringify(operations, null, 2)}\n`;
  if (check) {
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
      process.exit(1);
    }
    const committedManifest = existsSync(MANIFEST_PATH) ? readFileSync(MANIFEST_PATH, 'utf8') : '';
    if (committedManifest !== manifest) {
      console.error('schema/persisted-operations.json is stale: run `npm run compose` and commit it');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql and schema/persisted-operations.json are up to date');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  writeFileSync(MANIFEST_PATH, manifest);
  console.log(`wrote ${SUPERGRAPH_PATH} and ${MANIFEST_PATH}`);
}

main();
