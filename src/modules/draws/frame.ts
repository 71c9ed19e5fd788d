// The frame (DRAW-SPEC §1.1): the businesses a plan may draw, per stratum, in canonical order. PostgreSQL
// sorts and joins the identifiers itself (collation "C" is UTF-8 byte order), so a 6.4 million frame
// arrives as one text per stratum; it is hashed as it is and stored once per draw, gzip-compressed.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CLASSES, industryPrefixes, type Scope, type Stratum } from '../plans/rules.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface FrameQuery {
  /** The region the owning department covers (4403…, 440305…). */
  regionPrefix: string;
  scope: Scope;
  /** Items of the plan: a business inspected for one of them in the last `excludeRecentMonths` is left out. */
  itemIds: string[];
  excludeRecentMonths: number;
  /** The time the frame is frozen; the exclusion window ends here. */
  at: Date;
  byDistrict: boolean;
}

/** A stratum of the frozen frame: `text` is its ids joined by "\n" (no final line break). */
export interface FrozenStratum {
  label: string;
  stratum: Stratum;
  district: string | null;
  size: number;
  text: string;
}

/** The rule that keeps a business out because it was inspected recently, as published with the draw. */
export function exclusionRule(q: Pick<FrameQuery, 'itemIds' | 'excludeRecentMonths'>) {
  const applies = q.excludeRecentMonths > 0 && q.itemIds.length > 0;
  return {
    applies,
    months: q.excludeRecentMonths,
    zh: applies
      ? `排除近 ${q.excludeRecentMonths} 个月内已因本计划任一检查事项被抽取（任务未取消）的主体`
      : '不排除近期已检查的主体',
    en: applies
      ? `Businesses drawn for any item of this plan in the last ${q.excludeRecentMonths} months (task not cancelled) are left out`
      : 'No business is left out for a recent inspection',
  };
}

function conditions(q: FrameQuery): RawBuilder<unknown>[] {
  const where = [
    sql`e.status = 'active'`,
    sql`e.in_directory`,
    sql`e.region_code like ${`${q.regionPrefix}%`}`,
  ];
  const { regions, kinds, industries, tags } = q.scope;
  if (regions?.length) where.push(sql`e.region_code like any(${regions.map((r) => `${r}%`)}::text[])`);
  if (kinds?.length) where.push(sql`e.kind = any(${kinds}::text[])`);
  if (industries?.length) {
    const prefixes = industryPrefixes(industries).map((p) => `${p}%`);
    where.push(sql`e.industry_code like any(${prefixes}::text[])`);
  }
  if (tags?.length) where.push(sql`e.tags && ${tags}::text[]`);
  return where;
}

/** Entities inspected recently for the plan's items: a set joined once, not a probe per business. */
function recentJoin(q: FrameQuery): RawBuilder<unknown> {
  if (!exclusionRule(q).applies)
    return sql`left join (select null::uuid as entity_id where false) r on false`;
  return sql`left join (
      select distinct t.entity_id from task t
      where t.status <> 'cancelled' and t.item_ids && ${q.itemIds}::uuid[]
        and t.created_at > ${q.at.toISOString()}::timestamptz - make_interval(months => ${q.excludeRecentMonths})
    ) r on r.entity_id = e.id`;
}

type Group = { class: Stratum; district: string | null; size: number; excluded: number; ids?: string | null };

function declaredStrata<T extends Group>(groups: T[], byDistrict: boolean) {
  const districts = byDistrict ? [...new Set(groups.map((g) => g.district!))].sort() : [null];
  const strata: (T & { label: string; stratum: Stratum })[] = [];
  for (const district of districts) {
    const here = groups.filter((g) => g.district === district);
    // A–D are always declared (A with ratio 0 is 无事不扰: present, nothing drawn); U only when non-empty.
    for (const stratum of [...CLASSES, 'U'] as const) {
      const found = here.find((g) => g.class === stratum);
      if (!found && stratum === 'U') continue;
      const group = found ?? ({ class: stratum, district, size: 0, excluded: 0, ids: '' } as T);
      strata.push({ ...group, stratum, label: district ? `${district}:${stratum}` : stratum });
    }
  }
  return strata;
}

async function groups(db: Kysely<DB>, q: FrameQuery, withIds: boolean): Promise<Group[]> {
  const district = q.byDistrict ? sql`left(e.region_code, 6)` : sql`null::text`;
  const ids = withIds
    ? sql`string_agg(e.identifier, E'\n' order by e.identifier collate "C") filter (where r.entity_id is null)`
    : sql`null::text`;
  const { rows } = await sql<Group>`
    select coalesce(e.credit_class, 'U') as class, ${district} as district,
           (count(*) filter (where r.entity_id is null))::int as size,
           (count(*) filter (where r.entity_id is not null))::int as excluded,
           ${ids} as ids
    from entity e ${recentJoin(q)}
    where ${sql.join(conditions(q), sql` and `)}
    group by 1, 2`.execute(db);
  return rows;
}

/** Counts per stratum (and how many the exclusion rule leaves out) without freezing anything. */
export async function previewFrame(db: Kysely<DB>, q: FrameQuery) {
  return declaredStrata(await groups(db, q, false), q.byDistrict).map(
    ({ label, stratum, district, size, excluded }) => ({
      label,
      stratum,
      district,
      size,
      excluded,
    }),
  );
}

/** Freezes the frame: every stratum's canonical ids, and how many businesses the exclusion rule left out. */
export async function freezeFrame(
  db: Kysely<DB>,
  q: FrameQuery,
): Promise<{ strata: FrozenStratum[]; excluded: number }> {
  const strata = declaredStrata(await groups(db, q, true), q.byDistrict);
  return {
    strata: strata.map(({ label, stratum, district, size, ids }) => ({
      label,
      stratum,
      district,
      size,
      text: ids ?? '',
    })),
    excluded: strata.reduce((sum, s) => sum + s.excluded, 0),
  };
}

/** frame_digest (§1.1) over stratum texts, without building the whole frame text in memory. */
export function frameDigestOf(strata: readonly { label: string; size: number; text: string }[]): string {
  const hash = createHash('sha256');
  for (const { label, size, text } of strata) {
    hash.update(`#stratum ${label} ${size}\n`);
    if (size > 0) hash.update(`${text}\n`);
  }
  return hash.digest('hex');
}

export const compress = (text: string): Promise<Uint8Array> => gzipAsync(text, { level: 6 });
export const decompress = async (gz: Uint8Array): Promise<string> => (await gunzipAsync(gz)).toString('utf8');

/** The ids of a stratum text, in canonical order. */
export const idsOf = (text: string): string[] => (text === '' ? [] : text.split('\n'));
