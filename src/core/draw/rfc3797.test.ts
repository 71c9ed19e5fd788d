import { describe, expect, it } from 'vitest';
import { concatBytes, toHex, utf8 } from './bytes.ts';
import { md5 } from './md5.ts';
import { rfc3797KeyString, rfc3797Select } from './rfc3797.ts';

// RFC 3797 §6, "Fully Worked Example": 25 volunteers, 10 to select, three sources.
const groups = [[9319], [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]];
const key = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const digests = [
  '990DD0A5692A029A98B5E01AA28F3459',
  '3691E55CB63FCC37914430B2F70B5EC6',
  'FE814EDF564C190AC1D25753979990FA',
  '1863CCACEB568C31D7DDBDF1D4E91387',
  'F4AB33DF4889F0AF29C513905BE1D758',
  '13EAEB529F61ACFB9A29D0BA3A60DE4A',
  '992DB77C382CA2BDB9727001F3CDCCD9',
  '63AB4258ECA922976811C7F55C383CE7',
  'DFBC5AC97CED01B3A6E348E3CC63F40D',
  '31CB111C4A4EBE9287CEAE16FE51B909',
];
// Lee, Doc, Mary, Charity, Kasczynski, Envy, Sneazy, Anger, Chastity, Pandora.
const selected = [17, 7, 2, 16, 25, 23, 8, 24, 19, 13];

describe('RFC 3797', () => {
  it('builds the key string of the worked example and of DRAW-SPEC §2', () => {
    expect(rfc3797KeyString(groups)).toBe(key);
    expect(rfc3797KeyString([[9319], [2, 5, 12, 8, 10]])).toBe('9319./2.5.8.10.12./');
    expect(() => rfc3797KeyString([[1, -2]])).toThrow(/non-negative integer/);
    expect(() => rfc3797KeyString([[0.5]])).toThrow(/non-negative integer/);
  });

  it('hashes u16be(i) ‖ key ‖ u16be(i) to the digests of the worked example', () => {
    for (const [i, digest] of digests.entries()) {
      const index = new Uint8Array([i >> 8, i & 0xff]);
      expect(toHex(md5(concatBytes([index, utf8(key), index]))).toUpperCase()).toBe(digest);
    }
  });

  it('selects the ten volunteers of the worked example', () => {
    expect(rfc3797Select(25, 10, groups)).toEqual(selected);
  });

  it('selects every candidate exactly once when count = pool size', () => {
    const all = rfc3797Select(25, 25, groups);
    expect(all.slice(0, 10)).toEqual(selected);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('limits the pool to 65,535 and the count to the pool', () => {
    expect(() => rfc3797Select(65_536, 1, groups)).toThrow(RangeError);
    expect(() => rfc3797Select(5, 6, groups)).toThrow(RangeError);
    expect(rfc3797Select(65_535, 1, groups)).toHaveLength(1);
  });
});
