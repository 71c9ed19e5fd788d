import { describe, expect, it } from 'vitest';
import { Permutation, Rng, uuid, Weighted } from './prng.ts';

describe('Rng', () => {
  it('repeats for the same seed and differs for another', () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('draws integers in range and roughly uniformly', () => {
    const rng = new Rng('uniform');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(c).toBeGreaterThan(9_500);
    for (const c of counts) expect(c).toBeLessThan(10_500);
  });

  it('makes RFC 9562 UUIDs', () => {
    expect(new Rng('u').uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(uuid([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], 8)).toBe(
      'ffffffff-ffff-8fff-bfff-ffffffffffff',
    );
    expect(uuid([0, 0, 0, 0], 8)).toBe('00000000-0000-8000-8000-000000000000');
  });
});

describe('Weighted', () => {
  it('follows the weights and skips zero weights', () => {
    const rng = new Rng('weights');
    const w = new Weighted([
      ['a', 1],
      ['never', 0],
      ['b', 3],
    ]);
    let b = 0;
    for (let i = 0; i < 40_000; i++) {
      const x = w.pick(rng);
      expect(x).not.toBe('never');
      if (x === 'b') b++;
    }
    expect(b / 40_000).toBeCloseTo(0.75, 1);
  });
});

describe('Permutation', () => {
  it('is a bijection of its whole domain', () => {
    const p = new Permutation('key', 31, 961);
    const seen = new Uint8Array(p.size);
    for (let x = 0; x < p.size; x++) seen[p.apply(x)]++;
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('depends on the key and rejects values outside the domain', () => {
    const a = new Permutation('a', 961, 29_791);
    const b = new Permutation('b', 961, 29_791);
    expect([0, 1, 2].map((x) => a.apply(x))).not.toEqual([0, 1, 2].map((x) => b.apply(x)));
    expect(() => a.apply(a.size)).toThrow(RangeError);
  });
});
