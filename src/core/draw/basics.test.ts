import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from './bytes.ts';
import { canonicalJson } from './canonical.ts';
import { commitmentDigest, sampleSize } from './commitment.ts';
import { canonicalIds, compareUtf8, frameDigest, frameText } from './frame.ts';
import { sha256Node } from './hash-node.ts';
import { sha256Web } from './hash-web.ts';

describe('hex and bytes', () => {
  it('round-trips and rejects malformed hex', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
      }),
    );
    expect(toHex(fromHex('00ff7A'))).toBe('00ff7a');
    expect(() => fromHex('abc')).toThrow(/hex/);
    expect(() => fromHex('zz')).toThrow(/hex/);
  });
});

describe('SHA-256 back ends', () => {
  it('node:crypto and WebCrypto agree with FIPS 180-2 "abc"', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(toHex(await sha256Node(utf8('abc')))).toBe(abc);
    expect(toHex(await sha256Web(utf8('abc')))).toBe(abc);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, writes no whitespace and non-ASCII as itself', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: '天平' }], a: null, e: true })).toBe(
      '{"a":null,"b":[2,{"c":"天平","d":1}],"e":true}',
    );
  });

  it('omits undefined properties, so an absent optional field hashes the same', () => {
    expect(canonicalJson({ a: 1, roster_digest: undefined })).toBe('{"a":1}');
  });

  it('accepts integers only', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10n, [undefined], new Date(0)]) {
      expect(() => canonicalJson({ x: bad })).toThrow(TypeError);
    }
  });
});

describe('frame', () => {
  it('compareUtf8 orders like the UTF-8 bytes, including astral characters', () => {
    const bytes = (s: string) => Array.from(utf8(s));
    const byteOrder = (a: string, b: string) => {
      const x = bytes(a);
      const y = bytes(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    // U+FF01 sorts before U+1F600 in UTF-8 although its UTF-16 code unit is larger.
    expect(Math.sign(compareUtf8('！', '😀'))).toBe(-1);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(byteOrder(a, b)));
      }),
    );
  });

  it('canonicalIds sorts and rejects duplicates and ids that cannot be a line', () => {
    expect(canonicalIds(['b', 'a', 'B'])).toEqual(['B', 'a', 'b']);
    expect(canonicalIds(['😀', '！', 'a'])).toEqual(['a', '！', '😀']); // UTF-16 order would put 😀 first
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1 })), (ids) => {
        fc.pre(ids.every((id) => !id.includes('\n')));
        expect(canonicalIds(ids)).toEqual([...ids].sort(compareUtf8));
      }),
    );
    expect(() => canonicalIds(['x', 'y', 'x'])).toThrow(/duplicates/);
    expect(() => canonicalIds(['x\ny'])).toThrow(/line break/);
    expect(() => canonicalIds([''])).toThrow(/empty/);
  });

  it('writes the frame text of §1.1 and hashes it', async () => {
    const frame = [
      { label: 'A', ids: ['1', '2'] },
      { label: '440305:B', ids: [] },
    ];
    expect(frameText(frame)).toBe('#stratum A 2\n1\n2\n#stratum 440305:B 0\n');
    expect(await frameDigest(sha256Node, frame)).toBe(toHex(await sha256Node(utf8(frameText(frame)))));
  });
});

describe('commitment', () => {
  it('hashes the canonical JSON of the commitment', async () => {
    const commitment = {
      spec: 'tianping-draw/1' as const,
      draw_id: '抽查-1',
      frame_digest: '00',
      strata: [{ label: 'A', size: 3, sample: 1, alternates: 0 }],
      sources: [{ kind: 'values' as const, description: '福彩3D' }],
      team_size: 2,
    };
    const text =
      '{"draw_id":"抽查-1","frame_digest":"00","sources":[{"description":"福彩3D","kind":"values"}],' +
      '"spec":"tianping-draw/1","strata":[{"alternates":0,"label":"A","sample":1,"size":3}],"team_size":2}';
    expect(await commitmentDigest(sha256Node, commitment)).toEqual(await sha256Node(utf8(text)));
  });
});

describe('sampleSize', () => {
  it('is ceil(size × ratio), never below the ratio, in exact integers', () => {
    expect(sampleSize(1000, 0)).toBe(0);
    expect(sampleSize(1000, 10_000)).toBe(1000);
    expect(sampleSize(0, 500)).toBe(0);
    expect(sampleSize(1, 1)).toBe(1);
    expect(sampleSize(10_000, 1)).toBe(1);
    expect(sampleSize(10_001, 1)).toBe(2);
    expect(sampleSize(3, 3333)).toBe(1);
    expect(sampleSize(3, 3334)).toBe(2);
    // In floating point 100 × 0.07 is 7.000000000000001, whose ceiling would wrongly be 8.
    expect(sampleSize(100, 700)).toBe(7);
    expect(sampleSize(6_430_000, 167)).toBe(107_381);
  });

  it('never exceeds size and never falls below the ratio', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (size, bp) => {
          const n = sampleSize(size, bp);
          expect(n).toBeLessThanOrEqual(size);
          expect(BigInt(n) * 10_000n).toBeGreaterThanOrEqual(BigInt(size) * BigInt(bp));
          expect(BigInt(n - 1) * 10_000n).toBeLessThan(BigInt(size) * BigInt(bp));
        },
      ),
    );
  });

  it('rejects ratios outside 0–10000 bp and non-integers', () => {
    for (const [size, bp] of [
      [10, 10_001],
      [10, -1],
      [10, 1.5],
      [-1, 100],
      [1.5, 100],
    ]) {
      expect(() => sampleSize(size, bp)).toThrow(RangeError);
    }
  });
});

describe('browser safety', () => {
  it('only hash-node.ts uses Node APIs', () => {
    const dir = new URL('.', import.meta.url);
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(modules).toContain('kit.ts');
    for (const file of modules) {
      if (file === 'hash-node.ts') continue;
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/from '(node:|fs|crypto|path)|\bBuffer\b|\bprocess\./);
    }
  });
});
