import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered ids (`usr_01J...`): the prefix says what an id names in logs
 * and support tickets, and the order follows creation, so keyset pagination by id is
 * creation order. 48 bits of milliseconds then 80 random bits, Crockford base32.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  return `${prefix}_${encodeTime(now.getTime())}${encodeRandom()}`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}
