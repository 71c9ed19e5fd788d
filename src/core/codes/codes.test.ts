import { describe, expect, it } from 'vitest';
import {
  checkRegistrationNumber,
  checkUscc,
  completeRegistrationNumber,
  completeUscc,
  industries,
  industry,
  isKnownRegion,
  orgCodeCheckChar,
  region,
  regionFullName,
} from './index.ts';

describe('USCC (GB 32100-2015)', () => {
  it('accepts the valid example of DOMAIN.md', () => {
    const r = checkUscc('91512081MA62K0260E');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.authorityRegion).toBe('512081');
  });

  it('rejects the invalid example and names the expected check character 3', () => {
    const r = checkUscc('91350100M000100Y4Z');
    expect(r).toMatchObject({ ok: false, problem: 'check_digit', expected: '3' });
  });

  it('checks the embedded organisation code', () => {
    expect(orgCodeCheckChar('MA62K026')).toBe('0');
    // Change the organisation check character and recompute the USCC check so only the inner check fails.
    const tampered = completeUscc('91512081MA62K0261');
    expect(checkUscc(tampered)).toMatchObject({ ok: false, problem: 'org_code_check', expected: '0' });
  });

  it('rejects illegal characters, wrong lengths, and tolerates spaces and lower case', () => {
    expect(checkUscc('9151208IMA62K0260E')).toMatchObject({ ok: false, problem: 'charset' });
    expect(checkUscc('91512081MA62K026')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkUscc(' 91512081ma62k0260e ')).toMatchObject({ ok: true, code: '91512081MA62K0260E' });
  });

  it('recognises a code that a spreadsheet turned into a number', () => {
    expect(checkUscc('914690062012665000')).toMatchObject({ ok: false, problem: 'excel_number' });
    expect(checkUscc('9.14690062012665E+17')).toMatchObject({ ok: false, problem: 'excel_number' });
  });
});

describe('registration number (注册号)', () => {
  it('round-trips the ISO 7064 MOD 11,10 check digit and catches any single-digit error', () => {
    const code = completeRegistrationNumber('44030110309786');
    expect(checkRegistrationNumber(code)).toMatchObject({ ok: true, authorityRegion: '440301' });
    for (let i = 0; i < 15; i++) {
      const d = (Number(code[i]) + 1) % 10;
      const bad = code.slice(0, i) + d + code.slice(i + 1);
      expect(checkRegistrationNumber(bad).ok).toBe(false);
    }
  });

  it('rejects anything but 15 digits', () => {
    expect(checkRegistrationNumber('44030110309786').ok).toBe(false);
    expect(checkRegistrationNumber('4403011030978A1').ok).toBe(false);
  });
});

describe('GB/T 4754-2017', () => {
  it('has 20 sections, 97 divisions, 473 groups and 1,381 classes', () => {
    const counts = [0, 0, 0, 0];
    for (const i of industries().values()) counts[i.level - 1]++;
    expect(counts).toEqual([20, 97, 473, 1381]);
  });

  it('knows a class, its section and its parent', () => {
    expect(industry('9999')).toBeUndefined();
    expect(industry('6210')).toMatchObject({ level: 4, section: 'H', parent: '621', name: '正餐服务' });
  });
});

describe('GB/T 2260', () => {
  it('knows Shenzhen down to its streets', () => {
    expect(region('440305')?.name).toBe('南山区');
    expect(region('440305007')).toMatchObject({ name: '粤海街道', parent: '440305', level: 'street' });
    expect(regionFullName('440305007')).toBe('广东省深圳市南山区粤海街道');
    expect(isKnownRegion('440300')).toBe(true);
    expect(isKnownRegion('449999')).toBe(false);
  });
});
