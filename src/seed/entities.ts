// Market entities (检查对象名录库) of the demo city, generated row by row so that millions can be streamed
// into the database without holding them in memory.
import {
  completeRegistrationNumber,
  completeUscc,
  orgCodeCheckChar,
  USCC_CHARSET,
} from '../core/codes/index.ts';
import { AddressMaker, QIANHAI, QIANHAI_SECRETARY } from './addresses.ts';
import type { City, District, Street } from './city.ts';
import { mobileNumber, personName, tradeName } from './names.ts';
import { Permutation, Rng, Weighted } from './prng.ts';
import { TRADES, type Trade } from './trades.ts';

export type EntityKind = 'enterprise' | 'individual' | 'cooperative';
export type EntityStatus = 'active' | 'deregistered' | 'revoked' | 'cancelled' | 'moved_out';
export type CreditClass = 'A' | 'B' | 'C' | 'D';

/** Row of table `entity` (columns as in migration 0001; timestamps keep their defaults). */
export interface EntityRow {
  id: string;
  uscc: string | null;
  reg_no: string | null;
  identifier: string;
  name: string;
  kind: EntityKind;
  legal_rep: string;
  reg_address: string;
  biz_address: string;
  region_code: string;
  industry_code: string;
  registered_on: string;
  status: EntityStatus;
  capital_wan: string | null;
  phone: string | null;
  tags: string[];
  credit_class: CreditClass;
  abnormal_listed: boolean;
  serious_listed: boolean;
  complaint_count: number;
  org_id: string;
  in_directory: boolean;
}

const KINDS = new Weighted<EntityKind>([
  ['individual', 60],
  ['enterprise', 39],
  ['cooperative', 1],
]);

const TRADES_BY_KIND: Record<EntityKind, Weighted<Trade>> = {
  enterprise: new Weighted(TRADES.map((t) => [t, t.enterprise])),
  individual: new Weighted(TRADES.map((t) => [t, t.individual])),
  cooperative: new Weighted(TRADES.map((t) => [t, t.cooperative])),
};

const USCC_KIND_DIGIT: Record<EntityKind, string> = { enterprise: '1', individual: '2', cooperative: '3' };

// Entities still in the directory by year of registration: a slow start after 1990 and the steep growth
// that followed the 2013–2014 commercial registration reform (2026 counts until October only).
const FIRST_YEAR = 1990;
// biome-ignore format: one row per decade
const YEAR_WEIGHTS = [
  1, 1, 1, 1, 2, 2, 2, 2, 3, 3, // 1990s
  4, 4, 5, 5, 6, 7, 8, 9, 10, 11, // 2000s
  13, 15, 18, 22, 40, 52, 60, 66, 66, 62, // 2010s
  64, 70, 66, 64, 66, 68, 56, // 2020–2026
];
const LAST_REGISTRATION = Date.UTC(2026, 9, 31);
const DAY_MS = 86_400_000;

/** Every registration date of a year as YYYY-MM-DD, prepared once so that rows only index into them. */
const DATES_BY_YEAR = YEAR_WEIGHTS.map((_, i) => {
  const year = FIRST_YEAR + i;
  const days: string[] = [];
  const end = Math.min(Date.UTC(year, 11, 31), LAST_REGISTRATION);
  for (let t = Date.UTC(year, 0, 1); t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
});
const YEARS = new Weighted(YEAR_WEIGHTS.map((w, i) => [FIRST_YEAR + i, w] as const));

// Identifier eras: 注册号 only for some records from before the 2014 reform, the old numeric organisation
// code for companies registered before USCCs were issued (October 2015), the 'L' codes given to individual
// businesses when they were converted (from October 2016), and 'MA…' codes afterwards.
const USCC_ERA_ENTERPRISE = '2015-10-01';
const USCC_ERA_INDIVIDUAL = '2016-10-01';
const LEGACY_BEFORE_YEAR = 2014;
const LEGACY_SHARE = 0.02;
const sum = (weights: readonly number[]) => weights.reduce((s, w) => s + w, 0);
const LEGACY_CHANCE =
  LEGACY_SHARE / (sum(YEAR_WEIGHTS.slice(0, LEGACY_BEFORE_YEAR - FIRST_YEAR)) / sum(YEAR_WEIGHTS));

// Identifier bodies: five base-31 characters from a keyed permutation of the row number, so that 31⁵
// (28.6 million) rows get distinct bodies.
const BODY_DIGITS = 5;
const BODY_SPACE = 31 ** BODY_DIGITS;

const STATUS_CURRENT = new Weighted<EntityStatus>([
  ['active', 940],
  ['deregistered', 36],
  ['revoked', 15],
  ['cancelled', 3],
  ['moved_out', 6],
]);
// Records that never received a USCC are mostly dead ones.
const STATUS_LEGACY = new Weighted<EntityStatus>([
  ['active', 40],
  ['revoked', 40],
  ['deregistered', 20],
]);

// Class mixes chosen so that the whole directory lands near A 69 %, B 23 %, C 6 %, D 2 %.
const CLASS_ABNORMAL = new Weighted<CreditClass>([
  ['B', 7],
  ['C', 60],
  ['D', 33],
]);
const CLASS_COMPLAINED = new Weighted<CreditClass>([
  ['A', 30],
  ['B', 40],
  ['C', 22],
  ['D', 8],
]);
const CLASS_PLAIN = new Weighted<CreditClass>([
  ['A', 727],
  ['B', 230],
  ['C', 37],
  ['D', 6],
]);
const ABNORMAL_SHARE = 0.04;
const SERIOUS_AMONG_ABNORMAL = 0.075;

const CAPITAL_ENTERPRISE = new Weighted<string>([
  ['1', 2],
  ['3', 3],
  ['5', 6],
  ['10', 14],
  ['20', 5],
  ['30', 6],
  ['50', 12],
  ['100', 18],
  ['200', 7],
  ['300', 5],
  ['500', 8],
  ['1000', 7],
  ['2000', 2],
  ['3000', 1.5],
  ['5000', 1.5],
  ['10000', 1],
]);
const CAPITAL_JOINT_STOCK = new Weighted<string>([
  ['500', 3],
  ['1000', 4],
  ['2000', 2],
  ['5000', 2],
  ['10000', 1],
  ['36000', 0.3],
]);
const CAPITAL_SMALL = new Weighted<string>([
  ['1', 3],
  ['2', 2],
  ['3', 2],
  ['5', 3],
  ['10', 3],
  ['20', 1],
  ['30', 1],
  ['50', 1],
  ['100', 0.5],
]);

interface Place {
  district: District;
  street: Street;
  address: AddressMaker;
  /** 南山区 and 南山区粤海 as they open individual businesses' names. */
  districtName: string;
  streetName: string;
}

function places(city: City): Weighted<Place> {
  return new Weighted(
    city.districts.flatMap((district) => {
      const total = district.streets.reduce((s, street) => s + street.weight, 0);
      return district.streets.map((street): [Place, number] => [
        {
          district,
          street,
          address: new AddressMaker(district, street),
          districtName: district.region.name,
          streetName: `${district.region.name}${street.label}`,
        },
        (district.weight * street.weight) / total,
      ]);
    }),
  );
}

function base31(n: number): string {
  let s = '';
  for (let i = 0; i < BODY_DIGITS; i++) {
    s = USCC_CHARSET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

function phone(rng: Rng, landlineShare: number): string | null {
  if (rng.chance(0.03)) return null;
  if (rng.chance(landlineShare))
    return `0755-${rng.pick(['2', '3', '8'])}${String(rng.int(10_000_000)).padStart(7, '0')}`;
  return mobileNumber(rng);
}

/** Mostly none, a few, and a long Pareto-like tail for the businesses everyone complains about. */
function complaints(rng: Rng): number {
  const u = rng.float();
  if (u < 0.87) return 0;
  if (u < 0.93) return 1;
  if (u < 0.955) return 2;
  return Math.min(999, Math.floor(3 * (1 - rng.float()) ** -0.8));
}

interface Identifiers {
  uscc: string | null;
  regNo: string | null;
}

/** USCC (or, for a legacy record, 注册号) whose organisation-code body comes from the unique `body`. */
function identifiers(
  rng: Rng,
  kind: EntityKind,
  district: string,
  registeredOn: string,
  legacy: boolean,
  body: number,
): Identifiers {
  if (legacy) {
    // 注册号: authority + 8-digit sequence whose first digit says the kind (6–9 for individual businesses).
    const sequence = kind === 'individual' ? 60_000_000 + body : body;
    return { uscc: null, regNo: completeRegistrationNumber(district + String(sequence).padStart(8, '0')) };
  }
  let org: string;
  if (kind === 'individual' && registeredOn < USCC_ERA_INDIVIDUAL)
    org = `L${rng.int(10)}${rng.int(10)}${base31(body)}`;
  else if (kind !== 'individual' && registeredOn < USCC_ERA_ENTERPRISE) org = String(60_000_000 + body);
  else org = `MA5${base31(body)}`;
  return {
    uscc: completeUscc(`9${USCC_KIND_DIGIT[kind]}${district}${org}${orgCodeCheckChar(org)}`),
    regNo: null,
  };
}

interface Described {
  name: string;
  capital: string | null;
  regAddress: string;
  bizAddress: string;
}

/** Name, capital and addresses in the style of the entity's kind and trade. */
function describe(
  rng: Rng,
  kind: EntityKind,
  trade: Trade,
  place: Place,
  where: Weighted<Place>,
  surname: string,
): Described {
  const zh = kind === 'individual' && rng.chance(0.2) ? `${surname}记` : tradeName(rng);
  if (kind === 'enterprise') {
    const jointStock = rng.chance(0.03);
    const capital = jointStock
      ? CAPITAL_JOINT_STOCK.pick(rng)
      : rng.chance(0.04)
        ? oddCapital(rng)
        : CAPITAL_ENTERPRISE.pick(rng);
    const form = jointStock ? '股份有限公司' : rng.chance(0.05) ? '有限责任公司' : '有限公司';
    const word = rng.pick(trade.words);
    const name = rng.chance(0.05) ? `${zh}（深圳）${word}${form}` : `深圳市${zh}${word}${form}`;
    const factory = trade.section === 'C';
    if (place.street.region.code === QIANHAI && rng.chance(0.7)) {
      return {
        name,
        capital,
        regAddress: QIANHAI_SECRETARY,
        bizAddress: where.pick(rng).address.enterprise(rng, factory),
      };
    }
    const regAddress = place.address.enterprise(rng, factory);
    const bizAddress = rng.chance(0.2) ? where.pick(rng).address.enterprise(rng, factory) : regAddress;
    return { name, capital, regAddress, bizAddress };
  }
  if (kind === 'individual') {
    const regAddress = place.address.shop(rng);
    return {
      name: `${rng.chance(0.6) ? place.districtName : place.streetName}${zh}${rng.pick(trade.shops)}`,
      capital: rng.chance(0.6) ? null : CAPITAL_SMALL.pick(rng),
      regAddress,
      bizAddress: rng.chance(0.03) ? place.address.shop(rng) : regAddress,
    };
  }
  const regAddress = place.address.village(rng);
  return {
    name: `深圳市${place.districtName}${zh}${rng.pick(trade.words)}专业合作社`,
    capital: CAPITAL_SMALL.pick(rng),
    regAddress,
    bizAddress: rng.chance(0.1) ? place.address.village(rng) : regAddress,
  };
}

/** Capital that is not a round figure, as declared by a few companies (some converted from other currencies). */
function oddCapital(rng: Rng): string {
  const whole = rng.between(1, 9999);
  return rng.chance(0.5) ? String(whole) : `${whole}.${String(rng.int(10000)).padStart(4, '0')}`;
}

/**
 * Entity rows for the city, one by one. Row i is the same for a given seed whatever `count` is, and its
 * USCC or 注册号 body is derived from i through a keyed permutation, so identifiers never repeat.
 */
export function* generateEntities(seed: string, count: number, city: City): Generator<EntityRow> {
  if (count > BODY_SPACE) throw new RangeError(`at most ${BODY_SPACE} entities`);
  const rng = new Rng(`${seed}\u0000entities`);
  const bodies = new Permutation(`${seed}\u0000entity-bodies`, 31 ** 2, 31 ** 3);
  const where = places(city);

  for (let i = 0; i < count; i++) {
    const kind = KINDS.pick(rng);
    const trade = TRADES_BY_KIND[kind].pick(rng);
    const place = where.pick(rng);
    const year = YEARS.pick(rng);
    const registeredOn = rng.pick(DATES_BY_YEAR[year - FIRST_YEAR]);
    const legacy = year < LEGACY_BEFORE_YEAR && rng.chance(LEGACY_CHANCE);
    const { uscc, regNo } = identifiers(
      rng,
      kind,
      place.district.region.code,
      registeredOn,
      legacy,
      bodies.apply(i),
    );
    const person = personName(rng, kind === 'individual' ? 0.55 : 0.7);
    const { name, capital, regAddress, bizAddress } = describe(
      rng,
      kind,
      trade,
      place,
      where,
      person.surname,
    );

    const tags: string[] = [];
    for (const [tag, share] of trade.tags) if (share >= 1 || rng.chance(share)) tags.push(tag);

    const abnormal = rng.chance(ABNORMAL_SHARE);
    const serious = abnormal && rng.chance(SERIOUS_AMONG_ABNORMAL);
    const complaintCount = complaints(rng);
    let creditClass: CreditClass;
    if (serious) creditClass = 'D';
    else if (abnormal) creditClass = CLASS_ABNORMAL.pick(rng);
    else if (complaintCount >= 5) creditClass = CLASS_COMPLAINED.pick(rng);
    else creditClass = CLASS_PLAIN.pick(rng);

    yield {
      id: rng.uuid(),
      uscc,
      reg_no: regNo,
      identifier: (uscc ?? regNo)!,
      name,
      kind,
      legal_rep: person.name,
      reg_address: regAddress,
      biz_address: bizAddress,
      region_code: place.street.region.code,
      industry_code: rng.pick(trade.codes),
      registered_on: registeredOn,
      status: (legacy ? STATUS_LEGACY : STATUS_CURRENT).pick(rng),
      capital_wan: capital,
      phone: phone(rng, kind === 'enterprise' ? 0.35 : 0.05),
      tags,
      credit_class: creditClass,
      abnormal_listed: abnormal,
      serious_listed: serious,
      complaint_count: complaintCount,
      org_id: place.district.departments.SAMR.id,
      in_directory: true,
    };
  }
}
