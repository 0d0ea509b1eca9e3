import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered ids (`usr_01J...`): the prefix says what an id names in logs
 * and support tickets, and the order follows creation, so keyset pagination by id is
 * creation order. 48 bits of milliseconds then 80 random bits, Crockford base32.
 *
 * Monotonic within a process (as ULID's monotonic factory): an id made in the same
 * millisecond as the previous one takes the previous random part plus one, so ids made
 * in one millisecond (a bulk insert, a test clock that stands still) keep their order,
 * and "the earlier created" (R6's tie-break) is the smaller id.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  const time = now.getTime();
  if (time === lastTime) {
    lastRandom = (lastRandom + 1n) & RANDOM_MASK;
  } else {
    lastTime = time;
    lastRandom = freshRandom();
  }
  return `${prefix}_${encodeTime(time)}${encodeRandom(lastRandom)}`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_BITS = 80n;
const RANDOM_MASK = (1n << RANDOM_BITS) - 1n;
let lastTime = -1;
let lastRandom = 0n;

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** 80 random bits, the top one clear so a millisecond's increments never wrap. */
function freshRandom(): bigint {
  const bytes = randomBytes(10);
  bytes[0]! &= 0x7f;
  return BigInt(`0x${bytes.toString('hex')}`);
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
