import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex, utf8 } from './bytes.ts';
import type { Source } from './commitment.ts';
import { sha256Node } from './hash-node.ts';
import { computeSeed, type DrandReveal, revealBytes, sourceMismatches } from './reveal.ts';

const signature = 'ab'.repeat(48);
const drandSource: Source = { kind: 'drand', chain: '52db9ba7e971', round: 1000 };

async function drandReveal(): Promise<DrandReveal> {
  const randomness = toHex(await sha256Node(fromHex(signature)));
  return { kind: 'drand', round: 1000, randomness, signature };
}

describe('reveal bytes (§2)', () => {
  it('gives the randomness, the RFC 3797 key string, or the secret', async () => {
    const drand = await drandReveal();
    expect(toHex(revealBytes(drand))).toBe(drand.randomness);
    expect(revealBytes({ kind: 'values', groups: [[9319], [2, 5, 12, 8, 10]] })).toEqual(
      utf8('9319./2.5.8.10.12./'),
    );
    expect(revealBytes({ kind: 'secret', secret_hex: '00ff' })).toEqual(new Uint8Array([0, 255]));
    expect(() => revealBytes({ ...drand, randomness: 'abcd' })).toThrow(/32 bytes/);
  });
});

describe('computeSeed', () => {
  it('is SHA-256("tianping-draw/1" ‖ commitment digest ‖ u32be(length) ‖ bytes, per source)', async () => {
    const digest = new Uint8Array(32).fill(9);
    const reveals = [utf8('9319./'), new Uint8Array([1, 2, 3])];
    const expected = await sha256Node(
      concatBytes([
        utf8('tianping-draw/1'),
        digest,
        new Uint8Array([0, 0, 0, 6]),
        reveals[0],
        new Uint8Array([0, 0, 0, 3]),
        reveals[1],
      ]),
    );
    expect(await computeSeed(sha256Node, digest, reveals)).toEqual(expected);
    await expect(computeSeed(sha256Node, new Uint8Array(31), reveals)).rejects.toThrow(/32 bytes/);
  });
});

describe('sourceMismatches', () => {
  const accept = async () => true;

  it('accepts a drand reveal whose randomness is SHA-256 of a signature the caller verified', async () => {
    expect(await sourceMismatches(sha256Node, drandSource, await drandReveal(), accept)).toEqual([]);
  });

  it('names every drand problem: round, randomness, unchecked or invalid signature', async () => {
    const reveal = { ...(await drandReveal()), round: 1001, randomness: 'cd'.repeat(32) };
    const problems = await sourceMismatches(sha256Node, drandSource, reveal);
    expect(problems).toEqual([
      'drand round 1001, committed 1000',
      expect.stringMatching(/not SHA-256 of the signature/),
      'drand round 1001: signature not checked (no verifyDrand given)',
    ]);
    const rejected = await sourceMismatches(sha256Node, drandSource, await drandReveal(), async () => false);
    expect(rejected).toEqual(['drand round 1000: signature invalid for chain 52db9ba7e971']);
  });

  it('checks the secret against its committed hash', async () => {
    const secret = utf8('organiser secret');
    const source: Source = { kind: 'secret', sha256: toHex(await sha256Node(secret)) };
    expect(await sourceMismatches(sha256Node, source, { kind: 'secret', secret_hex: toHex(secret) })).toEqual(
      [],
    );
    const wrong = await sourceMismatches(sha256Node, source, { kind: 'secret', secret_hex: '00' });
    expect(wrong).toEqual([expect.stringMatching(/^SHA-256 of the secret is [0-9a-f]{64}, committed/)]);
  });

  it('refuses a reveal of another kind and malformed values', async () => {
    const values: Source = { kind: 'values', description: '体彩排列五' };
    expect(await sourceMismatches(sha256Node, values, await drandReveal())).toEqual([
      'committed values, revealed drand',
    ]);
    expect(await sourceMismatches(sha256Node, values, { kind: 'values', groups: [[1.5]] })).toEqual([
      'group 1: 1.5 is not a non-negative integer',
    ]);
  });
});
