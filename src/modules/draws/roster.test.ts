import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Eligibility, fromBitset, type Roster, type TaskEntity, toBitset } from './roster.ts';

const inspector = (id: string, office: string | null, qualifications: string[] = [], load = 0) => ({
  id,
  office,
  qualifications,
  load,
});

const roster: Roster = {
  spec: 'tianping-roster/1',
  valid_through: '2026-12-31',
  departments: [
    {
      org_id: 'samr',
      org_code: '440305-SAMR',
      inspectors: [
        inspector('S1', '440305001', ['食品安全']),
        inspector('S2', '440305002', ['食品安全', '特种设备']),
        inspector('S3', '440305002', ['特种设备'], 4),
        inspector('S4', null, ['食品安全', '特种设备']),
      ],
    },
    {
      org_id: 'police',
      org_code: '440305-POLICE',
      inspectors: [inspector('P1', null, ['治安管理']), inspector('P2', null, [])],
    },
  ],
  conflicts: [['S4', 'E-CONFLICT']],
  tag_qualifications: { 餐饮服务: '食品安全', 旅馆业: '治安管理' },
};

const rules = { teamSize: 2, crossOffice: true, workloadCap: 5, itemQualifications: [[], []] };
const entity = (overrides: Partial<TaskEntity> = {}): TaskEntity => ({
  identifier: 'E1',
  regionCode: '440305001',
  tags: [],
  previous: new Set(),
  ...overrides,
});
const eligibleIds = (e: Eligibility, d: number, x: TaskEntity, excluded?: Set<string>) =>
  e.ids(d, e.eligible(d, x, excluded));

describe('eligibility (DRAW-SPEC §5)', () => {
  it('leaves out the business’s own office in cross-office mode, and only then', () => {
    expect(eligibleIds(new Eligibility(roster, rules), 0, entity())).toEqual(['S2', 'S3', 'S4']);
    expect(eligibleIds(new Eligibility(roster, { ...rules, crossOffice: false }), 0, entity())).toEqual([
      'S1',
      'S2',
      'S3',
      'S4',
    ]);
  });

  it('leaves out declared conflicts, the previous team and anyone explicitly excluded', () => {
    const e = new Eligibility(roster, rules);
    expect(eligibleIds(e, 0, entity({ identifier: 'E-CONFLICT', regionCode: '440305009' }))).toEqual([
      'S1',
      'S2',
      'S3',
    ]);
    expect(eligibleIds(e, 0, entity({ regionCode: '440305009', previous: new Set(['S1', 'S3']) }))).toEqual([
      'S2',
      'S4',
    ]);
    expect(eligibleIds(e, 0, entity({ regionCode: '440305009' }), new Set(['S2']))).toEqual([
      'S1',
      'S3',
      'S4',
    ]);
  });

  it('asks each department for its items’ qualifications and the lead department for the tags’', () => {
    const e = new Eligibility(roster, {
      ...rules,
      crossOffice: false,
      itemQualifications: [['特种设备'], []],
    });
    expect(eligibleIds(e, 0, entity())).toEqual(['S2', 'S3', 'S4']);
    const hotel = entity({ tags: ['餐饮服务', '旅馆业'] });
    expect(e.required(0, hotel.tags)).toEqual(['治安管理', '特种设备', '食品安全'].sort());
    expect(eligibleIds(e, 0, hotel)).toEqual([]); // nobody in SAMR holds 治安管理: unassigned, not relaxed
    expect(e.required(1, hotel.tags)).toEqual([]); // the cooperating police team inspects its own items
    expect(eligibleIds(e, 1, hotel)).toEqual(['P1', 'P2']);
  });

  it('stops drawing an inspector at the workload cap, counting open tasks and this draw’s teams', () => {
    const e = new Eligibility(roster, { ...rules, crossOffice: false });
    expect(eligibleIds(e, 0, entity())).toContain('S3');
    e.assign(0, ['S3', 'S1']);
    expect(eligibleIds(e, 0, entity())).not.toContain('S3'); // 4 open + 1 = cap 5
    expect(eligibleIds(e, 0, entity())).toContain('S1');
  });

  it('stores eligible positions as a bitset and reads them back', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 999 })),
        fc.integer({ min: 1000, max: 1100 }),
        (set, size) => {
          const positions = [...set].sort((a, b) => a - b);
          expect(fromBitset(toBitset(positions, size), size)).toEqual(positions);
        },
      ),
    );
  });
});
