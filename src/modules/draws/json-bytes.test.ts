import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import tv1 from '../../../test/fixtures/TV-1.json' with { type: 'json' };
import { parseJsonBytes } from './json-bytes.ts';

const parse = (text: string) => parseJsonBytes(Buffer.from(text, 'utf8'));

describe('JSON from bytes', () => {
  it('reads what JSON.parse reads, for any JSON value and layout', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parse(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reads the TV-1 kit, escapes and non-ASCII text alike', () => {
    expect(parse(JSON.stringify(tv1, null, 1))).toEqual(tv1);
    expect(parse('{"a":"第一组\\n\\u4e8c\\"","b":[-1.5e3,true,null]}')).toEqual({
      a: '第一组\n二"',
      b: [-1500, true, null],
    });
  });

  it('refuses what is not JSON, naming the byte', () => {
    for (const bad of ['{"a":1,}', '[1 2]', '"open', '{"a" 1}', '[1]x', 'nul', '{"a":--1}'])
      expect(() => parse(bad), bad).toThrow(/at byte \d+/);
  });
});
