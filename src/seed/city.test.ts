import { describe, expect, it } from 'vitest';
import { buildCity, DEPARTMENT_CODES } from './city.ts';

describe('buildCity', () => {
  const city = buildCity('test');
  const byId = new Map(city.orgs.map((o) => [o.id, o]));

  it('has Shenzhen with its 9 districts and 79 streets, each with a market-supervision office', () => {
    expect(city.government).toMatchObject({
      code: '440300',
      level: 'city',
      kind: 'government',
      parent_id: null,
    });
    expect(city.districts.map((d) => d.region.name)).toEqual([
      '罗湖区',
      '福田区',
      '南山区',
      '宝安区',
      '龙岗区',
      '盐田区',
      '龙华区',
      '坪山区',
      '光明区',
    ]);
    const offices = city.orgs.filter((o) => o.kind === 'office');
    expect(offices).toHaveLength(79);
    expect(city.districts.flatMap((d) => d.streets)).toHaveLength(79);
    for (const office of offices) {
      expect(office.level).toBe('street');
      expect(office.region_code).toMatch(/^4403\d{5}$/);
      expect(office.code).toBe(`${office.region_code}-SAMR`);
      expect(office.name).toMatch(/市场监督管理所$/);
      const parent = byId.get(office.parent_id!)!;
      expect(parent).toMatchObject({ kind: 'department', department: 'SAMR', level: 'district' });
      expect(office.region_code.startsWith(parent.region_code)).toBe(true);
    }
    expect(offices.find((o) => o.region_code === '440305007')?.name).toBe('粤海市场监督管理所');
  });

  it('puts every department under its government, at city and district level', () => {
    expect(city.orgs).toHaveLength(1 + 12 + 9 * 13 + 79);
    for (const government of [city.government, ...city.districts.map((d) => d.government)]) {
      const departments = city.orgs.filter((o) => o.parent_id === government.id && o.kind === 'department');
      expect(departments.map((d) => d.department)).toEqual([...DEPARTMENT_CODES]);
      for (const d of departments) expect(d.code).toBe(`${government.code}-${d.department}`);
    }
    expect(city.departments.SAMR.name).toBe('深圳市市场监督管理局');
    const nanshan = city.districts.find((d) => d.region.code === '440305')!;
    expect(nanshan.departments.SAMR.name).toBe('深圳市市场监督管理局南山监管局');
    expect(nanshan.departments.HEALTH.name).toBe('深圳市南山区卫生健康局');
  });

  it('keeps parents, paths and codes consistent', () => {
    const codes = new Set(city.orgs.map((o) => o.code));
    expect(codes.size).toBe(city.orgs.length);
    const seen = new Set<string>();
    for (const org of city.orgs) {
      expect(org.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      if (org.parent_id) {
        expect(seen.has(org.parent_id)).toBe(true); // parents come first
        expect(org.path).toBe(`${byId.get(org.parent_id)!.path}${org.id}/`);
      } else {
        expect(org.path).toBe(`/${org.id}/`);
      }
      seen.add(org.id);
    }
  });

  it('derives ids from the seed and the org code only', () => {
    expect(buildCity('test').orgs).toEqual(city.orgs);
    const other = buildCity('other');
    expect(other.government.id).not.toBe(city.government.id);
    expect(other.orgs.map((o) => o.code)).toEqual(city.orgs.map((o) => o.code));
  });
});
