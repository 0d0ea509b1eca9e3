/**
 * `npm run schema:check`: what the composed supergraph changes for clients compared with
 * the one on `main` (the merge base; on main itself, the commit before). A breaking
 * change (a removed field or type, an argument made required, an enum value removed, a
 * type changed) fails the check unless schema/intended-breaking-changes.json lists it
 * with a reason; dangerous changes are printed. Every public type, field, argument and
 * enum value must have a description. `SCHEMA_BASE_REF` names another base.
 */
import { execFileSync } from 'node:child_process';

import { apiSchemaOf, compareSupergraphs, readIntendedChanges, undescribedElements } from './breaking-changes';
import { composeSupergraph } from './supergraph';

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function baseRef(): string | null {
  const explicit = process.env.SCHEMA_BASE_REF?.trim();
  if (explicit) return explicit;
  const head = git('rev-parse', 'HEAD');
  const mergeBase = git('merge-base', 'HEAD', 'main');
  if (mergeBase && mergeBase !== head) return mergeBase;
  return git('rev-parse', '--verify', '--quiet', 'HEAD~1');
}

function main(): void {
  const composed = composeSupergraph();
  if ('errors' in composed) {
    for (const error of composed.errors) console.error(`composition: ${error}`);
    process.exit(1);
  }
  let failed = false;
  const undescribed = undescribedElements(apiSchemaOf(composed.supergraphSdl));
  for (const element of undescribed) console.error(`no description: ${element}`);
  failed ||= undescribed.length > 0;

  const base = baseRef();
  const before = base ? git('show', `${base}:schema/supergraph.graphql`) : null;
  if (!base || before === null) {
    console.log(`schema:check: no supergraph at ${base ?? 'a base commit'} to compare with`);
  } else {
    const { breaking, intended, dangerous } = compareSupergraphs(before, composed.supergraphSdl, readIntendedChanges());
    for (const change of dangerous) console.log(`dangerous (not breaking): ${change}`);
    for (const change of intended) console.log(`breaking, intended: ${change}`);
    for (const change of breaking) console.error(`BREAKING: ${change}`);
    if (breaking.length > 0) {
      console.error('A client may stop working. Keep the old shape beside the new, or list the change in schema/intended-breaking-changes.json with the reason.');
    }
    failed ||= breaking.length > 0;
    console.log(`schema:check against ${base.slice(0, 12)}: ${breaking.length} breaking, ${intended.length} intended, ${dangerous.length} dangerous`);
  }
  if (failed) process.exit(1);
}

main();
