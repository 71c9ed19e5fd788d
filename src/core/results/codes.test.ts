import { describe, expect, it } from 'vitest';
import { checkSelection, followUpsFor, normaliseCodes, RESULT_CODES, resultCode } from './codes.ts';

const fields = (codes: string[], disposition: Parameters<typeof checkSelection>[1], note?: string) =>
  checkSelection(codes, disposition, note).map((p) => p.field);

describe('result codes', () => {
  it('has the nineteen codes of the national dictionary, A the parent of the problems', () => {
    expect(RESULT_CODES).toHaveLength(19);
    const children = RESULT_CODES.filter((c) => c.parent === 'A').map((c) => c.code);
    expect(children).toEqual(['2', '3', '4', '5', 'B', 'C', '6', 'D', 'G']);
    expect(resultCode('6')?.zh).toBe('通过登记的住所（经营场所）无法联系');
  });

  it('adds A for any of its children and keeps dictionary order', () => {
    expect(normaliseCodes(['D', 'B'])).toEqual(['A', 'B', 'D']);
    expect(normaliseCodes(['E'])).toEqual(['E']);
  });

  it('accepts a clean result and a problem with a disposition', () => {
    expect(checkSelection(['1'], 'none')).toEqual([]);
    expect(checkSelection(['B', 'D'], 'order_correct')).toEqual([]);
    expect(checkSelection(['9'], null)).toEqual([]);
  });

  it('keeps 未发现问题 alone', () => {
    expect(fields(['1', 'D'], 'order_correct')).toContain('codes');
    expect(checkSelection(['1', 'E'], 'none')[0].zh).toContain('未发现问题');
  });

  it('requires a disposition for a problem, and a note for “other”', () => {
    expect(fields(['C'], null)).toEqual(['disposition']);
    expect(fields(['C'], 'none')).toEqual(['disposition']);
    expect(fields(['C'], 'other')).toEqual(['dispositionNote']);
    expect(fields(['C'], 'other', '约谈负责人')).toEqual([]);
  });

  it('refuses A without the specific problem, unknown codes and an empty choice', () => {
    expect(fields(['A'], 'order_correct')).toEqual(['codes']);
    expect(fields(['Z'], 'none')).toEqual(['codes', 'codes']);
    expect(fields([], 'none')).toEqual(['codes']);
  });

  it('keeps the gone codes alone and refuses a follow-up without a problem', () => {
    expect(fields(['9', '10'], null)).toEqual(['codes']);
    expect(fields(['F'], 'case_referral')).toEqual(['disposition']);
  });

  it('names the follow-ups the law attaches to the codes', () => {
    expect(followUpsFor(['B'])).toEqual(['order_then_abnormal_list']);
    expect(followUpsFor(['C', '6'])).toEqual(['abnormal_list']);
    expect(followUpsFor(['3', 'G', 'D'])).toEqual(['transfer_or_notify', 'case_or_order']);
    expect(followUpsFor(['11'])).toEqual(['alternate']);
    expect(followUpsFor(['1'])).toEqual([]);
  });
});
