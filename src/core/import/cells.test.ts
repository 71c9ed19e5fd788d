import { describe, expect, it } from 'vitest';
import {
  codeText,
  excelSerialToIso,
  isDamagedNumber,
  multiLine,
  numberText,
  oneLine,
  parseDate,
  parseDecimal,
  parsePhone,
  parseYesNo,
  shiftDecimal,
  splitList,
} from './cells.ts';

describe('text normalisation', () => {
  it('trims, collapses spaces and drops the line breaks and spaces that only wrap Chinese text', () => {
    expect(oneLine('  拍卖\r\n企业 ')).toBe('拍卖企业');
    expect(oneLine('\u00a0海口市\u3000某某 有限公司\u200b')).toBe('海口市某某有限公司');
    expect(oneLine('ABC  Trading\nCo.')).toBe('ABC Trading Co.');
    expect(oneLine('一般检查事项\r\n')).toBe('一般检查事项');
    expect(oneLine(null)).toBe('');
  });

  it('keeps the lines of multi-line text as \\n and drops a lone CR, which Excel does not show', () => {
    expect(multiLine('《甲法》第一条\r\n\r\n  《乙法》  第二条 \n')).toBe('《甲法》第一条\n《乙法》 第二条');
    expect(multiLine('第二十三条\r第一款')).toBe('第二十三条第一款');
  });

  it('turns full-width digits and letters of codes into ASCII, without spaces, upper case', () => {
    expect(codeText('９１４６ ０１００ｍａ５')).toBe('91460100MA5');
    expect(codeText(440301103097861)).toBe('440301103097861');
  });

  it('splits lists on 、，,；;/ line breaks and wide gaps', () => {
    expect(splitList('现场检查、书面检查，网络检查;专业机构核查/检验检测\n抽样')).toEqual([
      '现场检查',
      '书面检查',
      '网络检查',
      '专业机构核查',
      '检验检测',
      '抽样',
    ]);
    expect(splitList('省种植业管理处      省土壤肥料总站')).toEqual(['省种植业管理处', '省土壤肥料总站']);
    expect(splitList('食品（含保健食品）；药品／医疗器械')).toEqual([
      '食品（含保健食品）',
      '药品',
      '医疗器械',
    ]);
    expect(splitList('')).toEqual([]);
  });
});

describe('numbers stored by a spreadsheet', () => {
  it('shows a long code stored as a number the way Excel does, and flags it as damaged', () => {
    expect(numberText(914690062012665000)).toBe('9.14690062012665E+17');
    expect(isDamagedNumber(914690062012665000)).toBe(true);
    // 15 digits survive exactly (an old 注册号 stored as a number is intact).
    expect(numberText(440301103097861)).toBe('440301103097861');
    expect(isDamagedNumber(440301103097861)).toBe(false);
    expect(isDamagedNumber('914690062012665000')).toBe(false);
  });

  it('hides binary artefacts the way Excel does', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(123.45)).toBe('123.45');
  });
});

describe('dates', () => {
  it('reads serials, 8-digit numbers and the usual written forms', () => {
    for (const value of [
      43529,
      '43529',
      20190305,
      '20190305',
      '2019/3/5',
      '2019-03-05',
      '2019.3.5',
      '2019年3月5日',
    ]) {
      expect(parseDate(value), String(value)).toBe('2019-03-05');
    }
    expect(parseDate('2019-03-05 00:00:00')).toBe('2019-03-05');
    expect(parseDate('２０１９年３月５日')).toBe('2019-03-05');
    expect(parseDate('2019年3月5日 10:30')).toBe('2019-03-05');
  });

  it('rejects what is not a calendar date', () => {
    for (const value of [
      '2019-02-30',
      '2019/13/1',
      '20191340',
      'abc',
      '3/5/2019',
      '明年',
      '2019年',
      0,
      99999999,
    ]) {
      expect(parseDate(value), String(value)).toBeUndefined();
    }
  });

  it('converts serials across the 1900 leap-year bug and in the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43529.75)).toBe('2019-03-05');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
  });
});

describe('exact decimals', () => {
  it('parses thousands separators and moves the point without floating point', () => {
    expect(parseDecimal('1,000,000')).toBe('1000000');
    expect(parseDecimal('007.50')).toBe('7.5');
    expect(parseDecimal('1e5')).toBeUndefined();
    expect(shiftDecimal('1000000', -4)).toBe('100');
    expect(shiftDecimal('1234567.89', -4)).toBe('123.456789');
    expect(shiftDecimal('5', -4)).toBe('0.0005');
    expect(shiftDecimal('0.05', 4)).toBe('500');
    expect(shiftDecimal('0.1', 2)).toBe('10');
  });
});

describe('small enumerations', () => {
  it('reads yes and no in their usual spellings', () => {
    for (const yes of ['是', 'Y', 'y', '1', 1, 'TRUE', '√']) expect(parseYesNo(yes)).toBe(true);
    for (const no of ['否', 'N', '0', 0, 'FALSE', '×']) expect(parseYesNo(no)).toBe(false);
    expect(parseYesNo('也许')).toBeUndefined();
  });

  it('accepts telephone numbers with their punctuation and rejects text', () => {
    expect(parsePhone('0898-6523 4567')).toBe('0898-65234567');
    expect(parsePhone(13800138000)).toBe('13800138000');
    expect(parsePhone('１３８００１３８０００')).toBe('13800138000');
    expect(parsePhone('无')).toBeUndefined();
    expect(parsePhone('12345')).toBeUndefined();
  });
});
