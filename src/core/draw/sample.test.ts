import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Node } from './hash-node.ts';
import { drawObjects, drawStratum, partialShuffle } from './sample.ts';
import { openStream, type RandomStream } from './stream.ts';

function seedOf(i: number): Uint8Array {
  const seed = new Uint8Array(32);
  new DataView(seed.buffer).setUint32(0, i);
  return seed;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${String(i).padStart(7, '0')}`);

/** The textbook algorithm on a real array, to check the virtual one against. */
async function referenceShuffle(stream: RandomStream, n: number, k: number): Promise<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + (await stream.uniform(n - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

describe('partial Fisher–Yates (§4)', () => {
  it('equals the shuffle of a real array given the same words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc
          .integer({ min: 1, max: 120 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        async (s, [n, k]) => {
          const virtual = await partialShuffle(await openStream(sha256Node, seedOf(s), 'stratum:0'), n, k);
          const real = await referenceShuffle(await openStream(sha256Node, seedOf(s), 'stratum:0'), n, k);
          expect(virtual).toEqual(real);
        },
      ),
    );
  });

  it('costs O(k) on a 6.4 million frame and reaches its tail', async () => {
    const n = 6_400_000;
    const positions = await partialShuffle(await openStream(sha256Node, seedOf(1), 'stratum:0'), n, 2000);
    expect(new Set(positions).size).toBe(2000);
    expect(positions.every((p) => Number.isInteger(p) && p >= 0 && p < n)).toBe(true);
    expect(positions.some((p) => p >= n - 64_000)).toBe(true); // last 1 %: P(miss) = 0.99^2000 ≈ 2e-9
  });
});

describe('drawStratum', () => {
  it('draws min(sample + alternates, N) distinct ids of the frame, deterministically', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        async (n, sample, alternates, s) => {
          const frame = ids(n);
          const spec = { label: 'A', size: n, sample, alternates };
          const result = await drawStratum(sha256Node, seedOf(s), 0, spec, frame);
          const drawn = [...result.picks, ...result.alternates];
          expect(drawn).toHaveLength(Math.min(sample + alternates, n));
          expect(result.picks).toHaveLength(Math.min(sample, n));
          expect(new Set(drawn).size).toBe(drawn.length);
          expect(drawn.every((id) => frame.includes(id))).toBe(true);
          expect(await drawStratum(sha256Node, seedOf(s), 0, spec, frame)).toEqual(result);
        },
      ),
    );
  });

  it('gives each stratum its own stream', async () => {
    const frame = ids(1000);
    const spec = { label: 'A', size: 1000, sample: 10, alternates: 0 };
    const [a, b] = await drawObjects(
      sha256Node,
      seedOf(0),
      [spec, { ...spec, label: 'B' }],
      [
        { label: 'A', ids: frame },
        { label: 'B', ids: frame },
      ],
    );
    expect(a.picks).not.toEqual(b.picks);
  });

  it('refuses a frame that does not match the commitment', async () => {
    const spec = { label: 'A', size: 1, sample: 1, alternates: 0 };
    await expect(drawObjects(sha256Node, seedOf(0), [spec], [])).rejects.toThrow(/strata/);
    await expect(drawObjects(sha256Node, seedOf(0), [spec], [{ label: 'B', ids: ['x'] }])).rejects.toThrow(
      /labelled/,
    );
  });
});

describe('statistics', () => {
  it('gives every candidate the same chance to be picked, to be an alternate and to come first', async () => {
    const runs = 20_000;
    const n = 20;
    const spec = { label: 'A', size: n, sample: 5, alternates: 3 };
    const frame = ids(n);
    const picked = new Map<string, number>();
    const alternate = new Map<string, number>();
    const first = new Map<string, number>();
    const bump = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
    for (let s = 0; s < runs; s++) {
      const result = await drawStratum(sha256Node, seedOf(s), 0, spec, frame);
      for (const id of result.picks) bump(picked, id);
      for (const id of result.alternates) bump(alternate, id);
      bump(first, result.picks[0]);
    }
    const expectUniform = (counts: Map<string, number>, p: number) => {
      const sigma = Math.sqrt((p * (1 - p)) / runs);
      for (const id of frame) expect(Math.abs((counts.get(id) ?? 0) / runs - p), id).toBeLessThan(5 * sigma);
    };
    expectUniform(picked, 5 / n);
    expectUniform(alternate, 3 / n);
    expectUniform(first, 1 / n);
  });
});
