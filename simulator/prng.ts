import { fnv1a32 } from "../runtime/subjects.js";

/**
 * A small seeded pseudo-random generator, so that a simulator run with the same seed and the same calls makes the
 * same fault decisions (TigerBeetle's VOPR habit). Not for anything secret.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

/** 32-bit FNV-1a of a string (the runtime's partition hash): turns a seed text (and a bank code) into a generator state. */
export const hashSeed = fnv1a32;

/** An xorshift-multiply generator over a 32-bit counter (one state word, a full period of 2^32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x9e3779b9) >>> 0;
      let mixed = state;
      mixed = Math.imul(mixed ^ (mixed >>> 16), 0x21f0aaad) >>> 0;
      mixed = Math.imul(mixed ^ (mixed >>> 15), 0x735a2d97) >>> 0;
      mixed = (mixed ^ (mixed >>> 15)) >>> 0;
      return mixed / 0x1_0000_0000;
    },
  };
}

/** Whether an event of probability `rate` happens; draws nothing when the rate is 0, so unused faults cost no draws. */
export function chance(random: Random, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return random.next() < rate;
}
