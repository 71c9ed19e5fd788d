import { describe, expect, it } from 'vitest';
import { buildCity } from './city.ts';
import { generateEntities } from './entities.ts';
import { DEMO_TODAY, generateConflicts, generateInspectors, idCardCheckChar } from './inspectors.ts';
import { TAG_QUALIFICATION } from './trades.ts';

const city = buildCity('test');
const N = 8_452;
const inspectors = generateInspectors('test', N, city);
const orgs = new Map(city.orgs.map((o) => [o.id, o]));
const share = (predicate: (i: (typeof inspectors)[number]) => boolean) =>
  inspectors.filter(predicate).length / N;

describe('generateInspectors', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateInspectors('test', N, city)).toEqual(inspectors);
    expect(generateInspectors('other', 100, city).map((i) => i.name)).not.toEqual(
      inspectors.slice(0, 100).map((i) => i.name),
    );
  });

  it('places inspectors in departments, district SAMR inspectors in their street offices', () => {
    for (const i of inspectors) {
      const org = orgs.get(i.org_id)!;
      expect(org.kind).toBe('department');
      if (i.office_id) {
        const office = orgs.get(i.office_id)!;
        expect(office.parent_id).toBe(org.id);
        expect(i.region_code).toBe(office.region_code);
      } else {
        expect(org.department === 'SAMR' && org.level === 'district').toBe(false);
        expect(i.region_code).toBe(org.region_code);
      }
    }
    const samr = share((i) => orgs.get(i.org_id)!.department === 'SAMR');
    expect(samr).toBeGreaterThan(0.55);
    expect(samr).toBeLessThan(0.65);
    const inDistrict = (code: string) => share((i) => i.region_code.startsWith(code));
    expect(inDistrict('440306')).toBeGreaterThan(inDistrict('440308') * 5);
  });

  it('issues unique certificates with the expected expiry mix', () => {
    expect(new Set(inspectors.map((i) => i.cert_no)).size).toBe(N);
    for (const i of inspectors) expect(i.cert_no).toMatch(new RegExp(`^${i.region_code.slice(0, 6)}\\d{8}$`));
    const inDays = (i: (typeof inspectors)[number]) =>
      (Date.parse(i.cert_expires_on) - Date.parse(DEMO_TODAY)) / 86_400_000;
    const expired = share((i) => inDays(i) < 0);
    const expiring = share((i) => inDays(i) >= 0 && inDays(i) < 60);
    expect(expired).toBeGreaterThan(0.04);
    expect(expired).toBeLessThan(0.06);
    expect(expiring).toBeGreaterThan(0.04);
    expect(expiring).toBeLessThan(0.06);
    expect(
      share((i) => i.cert_expires_on >= '2027-01-01' && i.cert_expires_on <= '2030-12-31'),
    ).toBeGreaterThan(0.85);
  });

  it('gives qualifications of the department, covering every tag that requires one', () => {
    const held = new Set(inspectors.flatMap((i) => i.qualifications));
    for (const q of Object.values(TAG_QUALIFICATION)) expect(held.has(q), q).toBe(true);
    for (const i of inspectors) expect(i.qualifications.length).toBeGreaterThan(0);
    const fire = inspectors.filter((i) => orgs.get(i.org_id)!.department === 'FIRE');
    expect(fire.every((i) => i.qualifications.join() === '消防')).toBe(true);
  });

  it('has the flag and status mix', () => {
    expect(Math.abs(share((i) => i.is_expert) - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(share((i) => i.is_leader) - 0.15)).toBeLessThan(0.02);
    const onDuty = share((i) => i.status === 'on_duty');
    expect(onDuty).toBeGreaterThan(0.87);
    expect(onDuty).toBeLessThan(0.93);
  });

  it('stores valid Guangdong identity numbers whose sex digit matches', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X'); // the example of GB 11643
    for (const i of inspectors) {
      expect(i.id_card).toMatch(/^44\d{15}[\dX]$/);
      expect(i.id_card[17]).toBe(idCardCheckChar(i.id_card.slice(0, 17)));
      expect(i.phone).toMatch(/^1[35789]\d{9}$/);
    }
  });
});

describe('generateConflicts', () => {
  const entities = [...generateEntities('test', 5_000, city)];
  const conflicts = generateConflicts('test', inspectors, entities);

  it('declares a few conflicts against sample entities, mostly in the inspector’s district', () => {
    expect(conflicts.length).toBeGreaterThan(N * 0.01);
    expect(conflicts.length).toBeLessThan(N * 0.04);
    const byId = new Map(entities.map((e) => [e.id, e]));
    const inspectorById = new Map(inspectors.map((i) => [i.id, i]));
    let sameDistrict = 0;
    for (const c of conflicts) {
      const entity = byId.get(c.entity_id)!;
      expect(c.party).toBe(entity.name);
      expect(['kin', 'former_employer', 'shares', 'other']).toContain(c.kind);
      if (c.kind === 'shares') expect(entity.kind).toBe('enterprise');
      expect(c.declared_on <= DEMO_TODAY).toBe(true);
      if (entity.region_code.slice(0, 6) === inspectorById.get(c.inspector_id)!.region_code.slice(0, 6)) {
        sameDistrict++;
      }
    }
    expect(sameDistrict / conflicts.length).toBeGreaterThan(0.8);
    expect(generateConflicts('test', inspectors, entities)).toEqual(conflicts);
  });
});
