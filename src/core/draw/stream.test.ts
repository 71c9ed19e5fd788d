import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, type Sha256, toHex, utf8 } from './bytes.ts';
import { sha256Node } from './hash-node.ts';
import { openStream } from './stream.ts';

const seed = new Uint8Array(32).fill(7);

/** A fake SHA-256 that records its inputs and answers with the given digests in turn. */
function scripted(digests: Uint8Array[]): { sha256: Sha256; inputs: Uint8Array[] } {
  const inputs: Uint8Array[] = [];
  const sha256: Sha256 = async (data) => {
    inputs.push(data.slice());
    return digests[inputs.length - 1];
  };
  return { sha256, inputs };
}

function digestWithWord(word: bigint): Uint8Array {
  const digest = new Uint8Array(32).fill(0xee);
  new DataView(digest.buffer).setBigUint64(0, word);
  return digest;
}

describe('random stream (§3)', () => {
  it('hashes seed ‖ P for the key, then key ‖ u64be(j) for word j', async () => {
    const key = new Uint8Array(32).fill(0xab);
    const { sha256, inputs } = scripted([key, digestWithWord(10n), digestWithWord(11n)]);
    const stream = await openStream(sha256, seed, 'stratum:3');
    expect(await stream.uniform(7)).toBe(3);
    expect(await stream.uniform(7)).toBe(4);
    expect(inputs[0]).toEqual(concatBytes([seed, utf8('stratum:3')]));
    expect(toHex(inputs[1])).toBe(`${toHex(key)}0000000000000000`);
    expect(toHex(inputs[2])).toBe(`${toHex(key)}0000000000000001`);
    expect(stream.words).toBe(2);
  });

  it('discards words at or above 2^64 − (2^64 mod m), so there is no modulo bias', async () => {
    // m = 3: 2^64 mod 3 = 1, so the limit is 2^64 − 1 and only the all-ones word is discarded.
    const { sha256 } = scripted([
      new Uint8Array(32),
      digestWithWord(0xffff_ffff_ffff_ffffn),
      digestWithWord(0xffff_ffff_ffff_fffen),
    ]);
    const stream = await openStream(sha256, seed, 'inspectors');
    expect(await stream.uniform(3)).toBe(Number(0xffff_ffff_ffff_fffen % 3n));
    expect(stream.words).toBe(2);
  });

  it('reads word j as the first 8 bytes, big-endian, of the real SHA-256', async () => {
    const key = await sha256Node(concatBytes([seed, utf8('stratum:0')]));
    const stream = await openStream(sha256Node, seed, 'stratum:0');
    for (let j = 0; j < 3; j++) {
      const digest = await sha256Node(concatBytes([key, new Uint8Array([0, 0, 0, 0, 0, 0, 0, j])]));
      // m = 2^32 divides 2^64, so nothing is discarded and the result is the word's low 4 bytes.
      expect(await stream.uniform(2 ** 32)).toBe(new DataView(digest.buffer).getUint32(4));
    }
  });

  it('uniform(m) is always in [0, m)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 8 }),
        async (s, ms) => {
          const stream = await openStream(sha256Node, s, 'inspectors');
          for (const m of ms) {
            const x = await stream.uniform(m);
            expect(Number.isInteger(x) && x >= 0 && x < m).toBe(true);
          }
        },
      ),
    );
  });

  it('refuses overlapping calls and bad moduli', async () => {
    const stream = await openStream(sha256Node, seed, 'inspectors');
    const first = stream.uniform(10);
    await expect(stream.uniform(10)).rejects.toThrow(/concurrently/);
    await first;
    for (const m of [0, 1.5, 2 ** 53]) await expect(stream.uniform(m)).rejects.toThrow(RangeError);
  });
});
