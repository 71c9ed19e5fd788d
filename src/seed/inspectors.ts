// Inspectors (检查人员名录库) of the demo city and the conflicts of interest (回避) some of them declare.
import { allRegions } from '../core/codes/index.ts';
import type { City, DepartmentCode, OrgRow } from './city.ts';
import type { EntityRow } from './entities.ts';
import { mobileNumber, personName } from './names.ts';
import { Rng, Weighted } from './prng.ts';

/** The demo's "today": certificate expiry and declarations are placed relative to it. */
export const DEMO_TODAY = '2026-11-23';

export type InspectorStatus = 'on_duty' | 'on_leave' | 'suspended';

/** Row of table `inspector` (columns as in migration 0001; timestamps keep their defaults). */
export interface InspectorRow {
  id: string;
  org_id: string;
  office_id: string | null;
  region_code: string;
  name: string;
  cert_no: string;
  cert_expires_on: string;
  qualifications: string[];
  is_expert: boolean;
  is_leader: boolean;
  status: InspectorStatus;
  id_card: string;
  phone: string;
}

export type ConflictKind = 'kin' | 'former_employer' | 'shares' | 'other';

/** Row of table `inspector_conflict`. */
export interface ConflictRow {
  id: string;
  inspector_id: string;
  entity_id: string;
  party: string;
  kind: ConflictKind;
  reason: string;
  declared_on: string;
}

/** Per cent of inspectors by department: market supervision carries most random inspections. */
const DEPARTMENT_SHARES: Record<DepartmentCode, number> = {
  SAMR: 60,
  HEALTH: 8,
  EMERGENCY: 6,
  FIRE: 5,
  POLICE: 4,
  CULTURE: 4,
  EDUCATION: 3,
  ECOLOGY: 3,
  HOUSING: 3,
  TRANSPORT: 2,
  AGRICULTURE: 1,
  COMMERCE: 1,
};
/** Share of each department's inspectors working at city level; the rest follow the districts' size. */
const CITY_LEVEL_SHARE = 0.12;

// Qualifications (执法资质、业务专长) each department's inspectors can hold, with relative frequency. They
// include every qualification that a special library (TAG_QUALIFICATION) requires.
const QUALIFICATIONS: Record<DepartmentCode, Weighted<string>> = {
  SAMR: new Weighted([
    ['食品安全', 30],
    ['产品质量', 10],
    ['特种设备', 12],
    ['药品', 10],
    ['医疗器械', 7],
    ['化妆品', 5],
    ['计量', 8],
    ['网络交易', 8],
    ['价格', 7],
    ['广告', 6],
    ['知识产权', 5],
  ]),
  HEALTH: new Weighted([['卫生监督', 1]]),
  EMERGENCY: new Weighted([
    ['安全生产', 6],
    ['危险化学品', 4],
  ]),
  POLICE: new Weighted([['治安管理', 1]]),
  FIRE: new Weighted([['消防', 1]]),
  CULTURE: new Weighted([
    ['文化市场', 7],
    ['旅游市场', 3],
  ]),
  EDUCATION: new Weighted([['校外培训', 1]]),
  ECOLOGY: new Weighted([['生态环境', 1]]),
  HOUSING: new Weighted([['建设工程', 1]]),
  TRANSPORT: new Weighted([['道路运输', 1]]),
  AGRICULTURE: new Weighted([['农产品质量安全', 1]]),
  COMMERCE: new Weighted([['商务执法', 1]]),
};
const QUALIFICATION_COUNT = new Weighted([
  [1, 55],
  [2, 30],
  [3, 15],
]);

const STATUS = new Weighted<InspectorStatus>([
  ['on_duty', 93],
  ['on_leave', 5],
  ['suspended', 2],
]);

const DAY_MS = 86_400_000;
const TODAY = Date.parse(DEMO_TODAY);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayBetween = (rng: Rng, from: number, to: number) =>
  isoDay(from + rng.int((to - from) / DAY_MS + 1) * DAY_MS);

/** Certificate expiry: about 5 % expired, 5 % expiring within 60 days, the rest valid until 2027–2030. */
function certificateExpiry(rng: Rng): string {
  const u = rng.float();
  if (u < 0.05) return dayBetween(rng, Date.UTC(2025, 5, 1), TODAY - DAY_MS);
  if (u < 0.1) return dayBetween(rng, TODAY, TODAY + 59 * DAY_MS);
  return dayBetween(rng, TODAY + 60 * DAY_MS, Date.UTC(2030, 11, 31));
}

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character of the first 17 digits of a citizen identity number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_CARD_WEIGHTS[i];
  return '10X98765432'[sum % 11];
}

let guangdongCounties: string[] | undefined;
/** County-level codes of Guangdong (44xxxx), the birthplaces of the demo inspectors. */
function birthplaces(): string[] {
  guangdongCounties ??= [...allRegions().values()]
    .filter((r) => r.level === 'county' && r.code.startsWith('44') && r.name !== '市辖区')
    .map((r) => r.code);
  return guangdongCounties;
}

/** Identity number: Guangdong birthplace, a birth date for ages 25–60, and a sequence whose parity is the sex. */
function idCard(rng: Rng, male: boolean): string {
  const born = dayBetween(rng, Date.UTC(1966, 0, 1), Date.UTC(2001, 11, 31)).replaceAll('-', '');
  const sequence = rng.int(500) * 2 + (male ? 1 : 0);
  const first17 = `${rng.pick(birthplaces())}${born}${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

interface Post {
  department: OrgRow;
  offices: OrgRow[];
}

function posts(city: City): Weighted<Post> {
  const totalWeight = city.districts.reduce((s, d) => s + d.weight, 0);
  return new Weighted(
    Object.entries(DEPARTMENT_SHARES).flatMap(([code, share]) => {
      const dept = code as DepartmentCode;
      const cityPost: [Post, number] = [
        { department: city.departments[dept], offices: [] },
        share * CITY_LEVEL_SHARE,
      ];
      const districtPosts = city.districts.map((d): [Post, number] => [
        // District SAMR inspectors work in the street offices (市场监督管理所).
        { department: d.departments[dept], offices: dept === 'SAMR' ? d.streets.map((s) => s.office) : [] },
        (share * (1 - CITY_LEVEL_SHARE) * d.weight) / totalWeight,
      ]);
      return [cityPost, ...districtPosts];
    }),
  );
}

/** Inspector rows spread over the city's departments and offices. */
export function generateInspectors(seed: string, count: number, city: City): InspectorRow[] {
  const rng = new Rng(`${seed}\u0000inspectors`);
  const where = posts(city);
  // 执法证号: issuing region, two-digit year of issue (certificates run five years), and a sequence per
  // region and year.
  const issued = new Map<string, number>();
  const rows: InspectorRow[] = [];
  for (let i = 0; i < count; i++) {
    const { department, offices } = where.pick(rng);
    const office = offices.length > 0 ? rng.pick(offices) : null;
    const person = personName(rng, 0.62);
    const expires = certificateExpiry(rng);
    const prefix = `${department.region_code}${String((Number(expires.slice(0, 4)) - 5) % 100).padStart(2, '0')}`;
    const sequence = (issued.get(prefix) ?? 0) + 1;
    issued.set(prefix, sequence);

    const isExpert = rng.chance(0.05);
    // Experts hold one more qualification than their peers.
    const available = QUALIFICATIONS[department.department!];
    const wanted = Math.min(QUALIFICATION_COUNT.pick(rng) + (isExpert ? 1 : 0), available.items.length);
    const qualifications = new Set<string>();
    while (qualifications.size < wanted) qualifications.add(available.pick(rng));
    const expired = expires < DEMO_TODAY;
    rows.push({
      id: rng.uuid(),
      org_id: department.id,
      office_id: office?.id ?? null,
      region_code: (office ?? department).region_code,
      name: person.name,
      cert_no: `${prefix}${String(sequence).padStart(6, '0')}`,
      cert_expires_on: expires,
      qualifications: [...qualifications],
      is_expert: isExpert,
      is_leader: rng.chance(0.15),
      // An expired certificate often gets the inspector suspended from enforcement until renewed.
      status: expired && rng.chance(0.5) ? 'suspended' : STATUS.pick(rng),
      id_card: idCard(rng, person.male),
      phone: mobileNumber(rng),
    });
  }
  return rows;
}

const KINDS = new Weighted<ConflictKind>([
  ['kin', 45],
  ['former_employer', 30],
  ['shares', 15],
  ['other', 10],
]);
// Individual businesses and cooperatives have no shares to hold.
const KINDS_WITHOUT_SHARES = new Weighted<ConflictKind>([
  ['kin', 45],
  ['former_employer', 30],
  ['other', 10],
]);
const KIN_REASONS = [
  '配偶在该单位任职',
  '近亲属系该单位法定代表人',
  '兄弟姐妹系该单位股东',
  '子女在该单位任职',
];
const SHARE_REASONS = ['本人持有该单位股份', '配偶持有该单位股份'];
const OTHER_REASONS = ['与该单位负责人存在经济往来', '曾代理该单位相关事务'];

function conflictReason(rng: Rng, kind: ConflictKind): string {
  switch (kind) {
    case 'kin':
      return rng.pick(KIN_REASONS);
    case 'former_employer': {
      const from = rng.between(2005, 2018);
      return `曾在该单位任职（${from}—${from + rng.between(1, 5)}年）`;
    }
    case 'shares':
      return rng.pick(SHARE_REASONS);
    case 'other':
      return rng.pick(OTHER_REASONS);
  }
}

/**
 * Conflicts of interest declared by about 2 % of the inspectors, one or two each, against entities of the
 * sample, preferring entities in the inspector's own district (where a draw could send them).
 */
export function generateConflicts(
  seed: string,
  inspectors: readonly InspectorRow[],
  entities: readonly Pick<EntityRow, 'id' | 'name' | 'kind' | 'region_code'>[],
): ConflictRow[] {
  if (entities.length === 0) return [];
  const rng = new Rng(`${seed}\u0000conflicts`);
  const byDistrict = Map.groupBy(entities, (e) => e.region_code.slice(0, 6));
  const rows: ConflictRow[] = [];
  for (const inspector of inspectors) {
    if (!rng.chance(0.02)) continue;
    const nearby = byDistrict.get(inspector.region_code.slice(0, 6)) ?? entities;
    const count = rng.chance(0.8) ? 1 : 2;
    for (let i = 0; i < count; i++) {
      const entity = rng.pick(nearby);
      const kind = (entity.kind === 'enterprise' ? KINDS : KINDS_WITHOUT_SHARES).pick(rng);
      rows.push({
        id: rng.uuid(),
        inspector_id: inspector.id,
        entity_id: entity.id,
        party: entity.name,
        kind,
        reason: conflictReason(rng, kind),
        declared_on: dayBetween(rng, Date.UTC(2024, 0, 1), TODAY),
      });
    }
  }
  return rows;
}
