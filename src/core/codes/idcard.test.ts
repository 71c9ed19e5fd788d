import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem } from './index.ts';

// The textbook example of GB 11643.
const ID_CARD = '11010519491231002X';

describe('identity numbers (GB 11643)', () => {
  it('computes the check character, X included', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // 4·7+4·9+3·5+5·4+1·2+9·1+9·6+1·9+1·5+1·2 = 180, 180 mod 11 = 4 → '8'
    expect(idCardCheckChar('44030519900101001')).toBe('8');
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
  });

  it('accepts a valid number and catches any single-digit error', () => {
    expect(idCardProblem(ID_CARD)).toBeUndefined();
    for (let i = 0; i < 17; i++) {
      const bad = ID_CARD.slice(0, i) + ((Number(ID_CARD[i]) + 1) % 10) + ID_CARD.slice(i + 1);
      expect(idCardProblem(bad), bad).toMatch(/校验位错误|出生日期无效/);
    }
  });

  it('names the problem: length, check character, birth date', () => {
    expect(idCardProblem('11010519491231002')).toBe('身份证号应为18位（末位可为X）');
    expect(idCardProblem('110105194912310021')).toBe('身份证号校验位错误（应为 X）');
    // Same body with a valid check character but the impossible birth date 1949-02-30.
    expect(idCardProblem('110105194902300020')).toBe('身份证号中的出生日期无效');
    expect(idCardProblem('440305200002290010')).not.toBe('身份证号中的出生日期无效');
  });
});
