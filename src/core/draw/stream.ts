import { concatBytes, type Sha256, utf8 } from './bytes.ts';

const TWO_64 = 1n << 64n;

/** A purpose's stream of uniform integers (§3). Calls must be awaited one after another. */
export type RandomStream = {
  /** A uniform integer in [0, m) for a safe integer m ≥ 1, without modulo bias. */
  uniform(m: number): Promise<number>;
  /** Words consumed so far (the next word's index j). */
  readonly words: number;
};

/**
 * key_P = SHA-256(seed ‖ P); word j = first 8 bytes (u64be) of SHA-256(key_P ‖ u64be(j)).
 * One 40-byte input buffer is reused for every word, with the counter rewritten in place.
 */
export async function openStream(sha256: Sha256, seed: Uint8Array, purpose: string): Promise<RandomStream> {
  const key = await sha256(concatBytes([seed, utf8(purpose)]));
  const input = new Uint8Array(40);
  input.set(key);
  const counter = new DataView(input.buffer, 32, 8);
  let words = 0;
  let busy = false;

  async function nextWord(): Promise<bigint> {
    counter.setUint32(0, Math.floor(words / 2 ** 32));
    counter.setUint32(4, words >>> 0);
    words++;
    const digest = await sha256(input);
    return new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0);
  }

  return {
    async uniform(m: number): Promise<number> {
      if (!Number.isSafeInteger(m) || m < 1)
        throw new RangeError(`uniform(m) needs a safe integer m ≥ 1: ${m}`);
      // Overlapping calls would share the input buffer and make the word order depend on timing.
      if (busy) throw new Error('random stream used concurrently; await each call');
      busy = true;
      try {
        const modulus = BigInt(m);
        const limit = TWO_64 - (TWO_64 % modulus);
        for (;;) {
          const w = await nextWord();
          if (w < limit) return Number(w % modulus);
        }
      } finally {
        busy = false;
      }
    },
    get words() {
      return words;
    },
  };
}
