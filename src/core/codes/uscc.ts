// 统一社会信用代码 (GB 32100-2015) and its embedded organisation code (GB 11714).

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Kinds under registration authority 9 (market regulation), position 2. */
export const USCC_KINDS: Record<string, 'enterprise' | 'individual' | 'cooperative'> = {
  '1': 'enterprise',
  '2': 'individual',
  '3': 'cooperative',
};

export type UsccProblem = 'length' | 'charset' | 'org_code_check' | 'check_digit' | 'excel_number';

export type UsccCheck =
  | { ok: true; code: string; authorityRegion: string; orgCode: string; kindDigit: string }
  | { ok: false; problem: UsccProblem; message: string; expected?: string };

const MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有非法字符（不使用 I、O、S、V、Z）',
  org_code_check: '统一社会信用代码中的组织机构代码校验位错误',
  check_digit: '统一社会信用代码校验位错误',
  excel_number:
    '统一社会信用代码已被表格软件转成数字而损坏（末尾变为0或科学计数法），请将该列设为文本后重新导出',
};

/** Check character (position 18) for the first 17 characters; null when a character is illegal. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character for the 8-character body of an organisation code; null when illegal. */
export function orgCodeCheckChar(body8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    let v: number;
    if (c >= '0' && c <= '9') v = c.charCodeAt(0) - 48;
    else if (c >= 'A' && c <= 'Z') v = c.charCodeAt(0) - 55;
    else return null;
    sum += v * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A value that a spreadsheet has stored as a number: an 18-digit code whose last digits were
 * rounded to zeros (Excel keeps 15 significant digits) or written in scientific notation.
 */
export function looksNumberDamaged(raw: string): boolean {
  if (/^\d(\.\d+)?E\+\d+$/i.test(raw)) return true;
  return /^\d{16,18}$/.test(raw) && /000$/.test(raw);
}

export function normaliseCode(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

export function checkUscc(raw: string): UsccCheck {
  const code = normaliseCode(raw);
  const fail = (problem: UsccProblem, expected?: string): UsccCheck => ({
    ok: false,
    problem,
    message: expected ? `${MESSAGES[problem]}（应为 ${expected}）` : MESSAGES[problem],
    expected,
  });
  if (code.length !== 18) return fail(looksNumberDamaged(code) ? 'excel_number' : 'length');
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected === null) return fail('charset');
  if (expected !== code[17]) return fail(looksNumberDamaged(code) ? 'excel_number' : 'check_digit', expected);
  const orgCode = code.slice(8, 17);
  const orgExpected = orgCodeCheckChar(orgCode.slice(0, 8));
  if (orgExpected !== orgCode[8]) return fail('org_code_check', orgExpected ?? undefined);
  return { ok: true, code, authorityRegion: code.slice(2, 8), orgCode, kindDigit: code[1] };
}

export function isValidUscc(raw: string): boolean {
  return checkUscc(raw).ok;
}

/** Completes 17 characters with their check character. */
export function completeUscc(first17: string): string {
  const c = usccCheckChar(first17);
  if (c === null || first17.length !== 17) throw new RangeError(`not a USCC body: ${first17}`);
  return first17 + c;
}
