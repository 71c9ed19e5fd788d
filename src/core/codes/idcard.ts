// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd for
// men), and a check character by ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`not an identity number body: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year >= 1800 && month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** What is wrong with an identity number (upper-case X), in Chinese; undefined when it is valid. */
export function idCardProblem(code: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(code)) return '身份证号应为18位（末位可为X）';
  const expected = idCardCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `身份证号校验位错误（应为 ${expected}）`;
  if (!isCalendarDate(code.slice(6, 14))) return '身份证号中的出生日期无效';
  return undefined;
}
