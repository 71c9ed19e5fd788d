import { describe, expect, it } from 'vitest';
import { checkRegistrationNumber, checkUscc, industry } from '../core/codes/index.ts';
import { buildCity } from './city.ts';
import { type EntityRow, generateEntities } from './entities.ts';
import { TAG_QUALIFICATION } from './trades.ts';

const city = buildCity('test');
const take = (seed: string, count: number) => [...generateEntities(seed, count, city)];
const N = 200_000;
const rows = take('test', N);

const share = (predicate: (r: EntityRow) => boolean) => rows.filter(predicate).length / N;
/** The first few rows breaking a rule, so that a failure shows them (one expect per row would be slow). */
const violations = (predicate: (r: EntityRow) => boolean) => rows.filter((r) => !predicate(r)).slice(0, 3);

const KIND_DIGIT = { enterprise: '1', individual: '2', cooperative: '3' };

function validIdentifier(r: EntityRow): boolean {
  if (r.identifier !== (r.uscc ?? r.reg_no) || (r.uscc === null) === (r.reg_no === null)) return false;
  const district = r.region_code.slice(0, 6);
  if (r.reg_no) {
    const check = checkRegistrationNumber(r.reg_no);
    return check.ok && check.authorityRegion === district;
  }
  const check = checkUscc(r.uscc!);
  return check.ok && check.authorityRegion === district && r.uscc!.slice(0, 2) === `9${KIND_DIGIT[r.kind]}`;
}

describe('generateEntities', () => {
  it('is deterministic for a seed, independent of the count, and differs between seeds', () => {
    const first = rows.slice(0, 2_000);
    expect(take('test', 2_000)).toEqual(first);
    expect(JSON.stringify(take('test', 500))).toBe(JSON.stringify(first.slice(0, 500)));
    const other = take('other', 2_000);
    expect(other.map((r) => r.identifier)).not.toEqual(first.map((r) => r.identifier));
    expect(other.map((r) => r.name)).not.toEqual(first.map((r) => r.name));
  });

  it('gives every row a valid, unique USCC or, for old records, a valid 注册号', () => {
    expect(violations(validIdentifier)).toEqual([]);
    expect(new Set(rows.map((r) => r.identifier)).size).toBe(N);
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
    const legacy = share((r) => r.reg_no !== null);
    expect(legacy).toBeGreaterThan(0.015);
    expect(legacy).toBeLessThan(0.025);
  });

  it('uses the USCC body styles of the eras: old numeric codes, L codes, MA codes', () => {
    const body = (r: EntityRow) => r.uscc?.slice(8, 10) ?? '';
    expect(rows.some((r) => r.kind === 'enterprise' && /^\d\d$/.test(body(r)))).toBe(true);
    expect(rows.some((r) => r.kind === 'individual' && body(r).startsWith('L'))).toBe(true);
    expect(violations((r) => !r.uscc || r.registered_on < '2016-10-01' || body(r) === 'MA')).toEqual([]);
  });

  it('uses existing GB/T 4754-2017 小类 and known tags', () => {
    expect(violations((r) => industry(r.industry_code)?.level === 4)).toEqual([]);
    expect(violations((r) => r.tags.every((tag) => Object.hasOwn(TAG_QUALIFICATION, tag)))).toEqual([]);
    expect(violations((r) => r.industry_code !== '5251' || r.tags.includes('药品零售'))).toEqual([]);
    expect(violations((r) => r.industry_code !== '9013' || r.tags.includes('网吧'))).toEqual([]);
    expect(share((r) => r.tags.length <= 1)).toBeGreaterThan(0.8);
  });

  it('has the kind and status mix of a real city', () => {
    expect(share((r) => r.kind === 'individual')).toBeCloseTo(0.6, 1);
    expect(share((r) => r.kind === 'enterprise')).toBeCloseTo(0.39, 1);
    const cooperatives = share((r) => r.kind === 'cooperative');
    expect(cooperatives).toBeGreaterThan(0.007);
    expect(cooperatives).toBeLessThan(0.013);
    const active = share((r) => r.status === 'active');
    expect(active).toBeGreaterThan(0.92);
    expect(active).toBeLessThan(0.94);
    for (const status of ['deregistered', 'revoked', 'cancelled', 'moved_out'] as const) {
      expect(share((r) => r.status === status)).toBeGreaterThan(0.001);
    }
  });

  it('keeps the credit classes within the target mix and consistent with the lists', () => {
    const cls = (c: string) => share((r) => r.credit_class === c);
    expect(cls('A')).toBeGreaterThan(0.65);
    expect(cls('A')).toBeLessThan(0.73);
    expect(cls('B')).toBeGreaterThan(0.19);
    expect(cls('B')).toBeLessThan(0.25);
    expect(cls('C')).toBeGreaterThan(0.05);
    expect(cls('C')).toBeLessThan(0.08);
    expect(cls('D')).toBeGreaterThan(0.015);
    expect(cls('D')).toBeLessThan(0.03);
    const abnormal = rows.filter((r) => r.abnormal_listed);
    expect(abnormal.length / N).toBeGreaterThan(0.03);
    expect(abnormal.length / N).toBeLessThan(0.05);
    expect(abnormal.filter((r) => r.credit_class >= 'C').length / abnormal.length).toBeGreaterThan(0.85);
    const serious = rows.filter((r) => r.serious_listed);
    expect(serious.length / N).toBeGreaterThan(0.002);
    expect(serious.length / N).toBeLessThan(0.004);
    expect(serious.every((r) => r.credit_class === 'D')).toBe(true);
    expect(share((r) => r.complaint_count === 0)).toBeGreaterThan(0.8);
    expect(rows.reduce((max, r) => Math.max(max, r.complaint_count), 0)).toBeGreaterThan(50);
  });

  it('names entities like real ones, mostly uniquely', () => {
    expect(violations((r) => !/公司\d|店\d|\d$/.test(r.name))).toEqual([]);
    const forms = /^(深圳市.{2,}|.{2,3}（深圳）.+)(有限公司|有限责任公司|股份有限公司)$/;
    expect(violations((r) => r.kind !== 'enterprise' || forms.test(r.name))).toEqual([]);
    const districts = /^(罗湖|福田|南山|宝安|龙岗|盐田|龙华|坪山|光明)区/;
    expect(violations((r) => r.kind !== 'individual' || districts.test(r.name))).toEqual([]);
    expect(violations((r) => r.kind !== 'cooperative' || r.name.endsWith('专业合作社'))).toEqual([]);
    expect(new Set(rows.map((r) => r.name)).size / N).toBeGreaterThan(0.97);
  });

  it('places entities in real streets, under their district market-supervision branch', () => {
    const branchOfStreet = new Map(
      city.districts.flatMap((d) => d.streets.map((s) => [s.region.code, d.departments.SAMR.id] as const)),
    );
    expect(violations((r) => branchOfStreet.get(r.region_code) === r.org_id)).toEqual([]);
    expect(violations((r) => r.reg_address.startsWith('深圳市') && r.in_directory)).toEqual([]);
    expect(share((r) => r.biz_address !== r.reg_address)).toBeGreaterThan(0.02);
    const district = (code: string) => share((r) => r.region_code.startsWith(code));
    expect(district('440306')).toBeGreaterThan(district('440308') * 5);
  });

  it('fills dates, capital and phones in the expected formats', () => {
    expect(violations((r) => r.registered_on >= '1990-01-01' && r.registered_on <= '2026-10-31')).toEqual([]);
    expect(violations((r) => r.capital_wan === null || /^[1-9]\d*(\.\d{1,4})?$/.test(r.capital_wan))).toEqual(
      [],
    );
    expect(violations((r) => r.phone === null || /^(1[35789]\d{9}|0755-[238]\d{7})$/.test(r.phone))).toEqual(
      [],
    );
    expect(share((r) => r.registered_on >= '2014-01-01')).toBeGreaterThan(0.75);
    expect(violations((r) => r.kind !== 'enterprise' || r.capital_wan !== null)).toEqual([]);
    expect(share((r) => r.kind === 'individual' && r.capital_wan === null)).toBeGreaterThan(0.3);
  });

  it('refuses more rows than it has identifier bodies for', () => {
    expect(() => generateEntities('test', 31 ** 5 + 1, city).next()).toThrow(RangeError);
  });
});
