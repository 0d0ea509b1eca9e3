import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered ids (`usr_01J...`): the prefix says what an id names in logs
 * and support tickets, and the order follows creation, so keyset pagination by id is
 * creation order. 48 bits of milliseconds then 80 random bits, Crockford base32.
 *
 * Ordered by creation within a process even inside one millisecond (a bulk insert, a
 * test clock that stands still, ids stamped with the same backdated instant): the
 * 80 bits after the time are a process-wide sequence (40 bits) then 40 random bits, so
 * "the earlier created" (R6's tie-break) is the smaller id. Across processes, ids of
 * one millisecond are unique (40 random bits) in no particular order.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  sequence = (sequence + 1n) & SEQUENCE_MASK;
  return `${prefix}_${encodeTime(now.getTime())}${encodeRandom((sequence << 40n) | random40())}`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SEQUENCE_MASK = (1n << 40n) - 1n;
// Starts at a random point, so two processes' sequences do not run in step.
let sequence = BigInt(`0x${randomBytes(4).toString('hex')}`);

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function random40(): bigint {
  return BigInt(`0x${randomBytes(5).toString('hex')}`);
}

function encodeRandom(value: bigint): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}
