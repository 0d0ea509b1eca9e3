import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/**
 * The arguments `npm start` gives node (package.json's "start" script, `node <flags>
 * <entry>`), so the quick-start test and the benchmarks start the graph exactly as a user
 * does, V8 flags included.
 */
export function npmStartArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${command}", not node`);
  return args.map((arg) => (arg.endsWith('.ts') ? join(ROOT, arg) : arg));
}
