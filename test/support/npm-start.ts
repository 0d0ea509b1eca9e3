import { join } from 'node:path';

export { nodeArguments as npmStartArguments } from '../../ops/start-services';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
