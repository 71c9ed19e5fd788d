// 工商注册号: 15 digits (6-digit registering authority + 8-digit sequence + check digit),
// check digit by ISO 7064 MOD 11,10 as in GS 15-2006.

export function registrationCheckDigit(first14: string): number {
  let p = 10;
  for (const ch of first14) {
    const s = (p % 11) + (ch.charCodeAt(0) - 48);
    p = ((s % 10 || 10) * 2) % 11;
  }
  return (11 - (p % 11)) % 10;
}

export type RegistrationCheck =
  | { ok: true; code: string; authorityRegion: string }
  | { ok: false; message: string };

export function checkRegistrationNumber(raw: string): RegistrationCheck {
  const code = raw.replace(/[\s\u3000]/g, '');
  if (!/^\d{15}$/.test(code)) return { ok: false, message: '注册号应为15位数字' };
  const expected = registrationCheckDigit(code.slice(0, 14));
  if (expected !== code.charCodeAt(14) - 48) {
    return { ok: false, message: `注册号校验位错误（应为 ${expected}）` };
  }
  return { ok: true, code, authorityRegion: code.slice(0, 6) };
}

export function completeRegistrationNumber(first14: string): string {
  if (!/^\d{14}$/.test(first14)) throw new RangeError(`not a registration number body: ${first14}`);
  return first14 + registrationCheckDigit(first14);
}
