// The business directory (检查对象名录库) at city scale: filters that indexes serve (region prefix,
// trigram name search, exact codes, tags), a capped count, and pages for export.
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { industries } from '../../core/codes/index.ts';
import { escapeLike } from '../../db/like.ts';
import type { CreditClass, DB, EntityKind, EntityStatus, EntityTable } from '../../db/schema.ts';

/** Counting stops here: past it the list says “10,000+” rather than scanning millions of rows. */
export const COUNT_CAP = 10_000;

export type EntitySort = 'identifier' | 'name' | 'registered_on' | 'region_code';

export interface EntityFilter {
  /** The user's scope: only regions with this prefix. */
  regionPrefix: string;
  /** Name substring (two characters or more), or a USCC / 注册号 (exact). */
  q?: string;
  /** A region inside the scope (prefix). */
  region?: string;
  /** GB/T 4754 code at any level: a section letter, or a 2–4 digit prefix. */
  industry?: string;
  creditClass?: CreditClass;
  status?: EntityStatus;
  kind?: EntityKind;
  tag?: string;
  /** In the directory (default), removed from it, or both. */
  directory?: 'in' | 'out' | 'all';
}

/** A USCC or 注册号 typed into the search box. */
export const looksLikeCode = (q: string) => /^[0-9A-Z]{15}$|^[0-9A-Z]{18}$/.test(q);

let sectionCodes: Map<string, string[]> | undefined;
/** The 小类 codes of a 门类 (stored industry codes are classes, sometimes groups). */
function codesOfSection(section: string): string[] {
  if (!sectionCodes) {
    sectionCodes = new Map();
    for (const i of industries().values()) {
      if (i.level === 1) continue;
      sectionCodes.set(i.section, [...(sectionCodes.get(i.section) ?? []), i.code]);
    }
  }
  return sectionCodes.get(section) ?? [];
}

export function filteredEntities(db: Kysely<DB>, f: EntityFilter) {
  let query = db.selectFrom('entity as e').where('e.region_code', 'like', `${escapeLike(f.regionPrefix)}%`);
  if (f.region && f.region !== f.regionPrefix) {
    query = query.where('e.region_code', 'like', `${escapeLike(f.region)}%`);
  }
  const q = f.q?.trim();
  if (q) {
    const code = q.toUpperCase();
    if (looksLikeCode(code)) {
      query = query.where((eb) => eb.or([eb('e.identifier', '=', code), eb('e.reg_no', '=', code)]));
    } else if ([...q].length === 2) {
      // Two characters: the bigram index finds the candidates (strpos keeps the planner off the
      // trigram index, which has nothing to offer here).
      query = query.where(
        sql<boolean>`name_bigrams(e.name) @> array[${q}]::text[] and strpos(e.name, ${q}) > 0`,
      );
    } else query = query.where('e.name', 'like', `%${escapeLike(q)}%`);
  }
  if (f.industry) {
    const industry = f.industry.toUpperCase();
    query = /^[A-T]$/.test(industry)
      ? query.where('e.industry_code', 'in', codesOfSection(industry))
      : query.where('e.industry_code', 'like', `${escapeLike(industry)}%`);
  }
  if (f.creditClass) query = query.where('e.credit_class', '=', f.creditClass);
  if (f.status) query = query.where('e.status', '=', f.status);
  if (f.kind) query = query.where('e.kind', '=', f.kind);
  if (f.tag) query = query.where(sql<boolean>`e.tags @> array[${f.tag}]::text[]`);
  const directory = f.directory ?? 'in';
  if (directory !== 'all') query = query.where('e.in_directory', '=', directory === 'in');
  return query;
}

type Filtered = ReturnType<typeof filteredEntities>;

export const listColumns = [
  'e.id',
  'e.identifier',
  'e.uscc',
  'e.reg_no',
  'e.name',
  'e.kind',
  'e.legal_rep',
  'e.region_code',
  'e.industry_code',
  'e.registered_on',
  'e.status',
  'e.credit_class',
  'e.tags',
  'e.in_directory',
] as const;

export const exportColumns = [
  ...listColumns,
  'e.reg_address',
  'e.biz_address',
  'e.capital_wan',
  'e.phone',
  'e.abnormal_listed',
  'e.serious_listed',
  'e.complaint_count',
] as const;

function sorted<O>(
  query: SelectQueryBuilder<DB & { e: EntityTable }, 'e', O>,
  sort: EntitySort,
  desc: boolean,
) {
  const direction = desc ? 'desc' : 'asc';
  // The identifier is unique: it makes every order total, so pages never overlap.
  return sort === 'identifier'
    ? query.orderBy('e.identifier', direction)
    : query.orderBy(`e.${sort}` as `e.${EntitySort}`, direction).orderBy('e.identifier', direction);
}

export interface Page {
  page: number;
  pageSize: number;
  sort: EntitySort;
  desc: boolean;
}

export async function listEntities(db: Kysely<DB>, f: EntityFilter, p: Page) {
  const query = filteredEntities(db, f);
  const [rows, count] = await Promise.all([
    sorted(query.select(listColumns), p.sort, p.desc)
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
    countUpTo(db, query, COUNT_CAP),
  ]);
  return { rows, total: count.total, totalExact: count.exact };
}

/** Counts at most `cap` matching rows: `select count(*) from (… limit cap + 1)`. */
export async function countUpTo(db: Kysely<DB>, query: Filtered, cap: number) {
  const { n } = await db
    .selectFrom(
      query
        .select(sql`1`.as('one'))
        .limit(cap + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  return total > cap ? { total: cap, exact: false } : { total, exact: true };
}

/** Pages of the filtered list for an export, in the list's order, `limit` rows in all. */
export async function* exportPages(
  db: Kysely<DB>,
  f: EntityFilter,
  sort: EntitySort,
  desc: boolean,
  limit: number,
) {
  const pageSize = 5000;
  const query = sorted(filteredEntities(db, f).select(exportColumns), sort, desc);
  for (let offset = 0; offset < limit; offset += pageSize) {
    const rows = await query
      .limit(Math.min(pageSize, limit - offset))
      .offset(offset)
      .execute();
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
  }
}

export const findEntity = (db: Kysely<DB>, id: string) =>
  db.selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirst();

export const findByCode = (db: Kysely<DB>, code: string) =>
  db
    .selectFrom('entity')
    .select(['id', 'identifier', 'name'])
    .where((eb: ExpressionBuilder<DB, 'entity'>) =>
      eb.or([eb('uscc', '=', code), eb('reg_no', '=', code), eb('identifier', '=', code)]),
    )
    .execute();

export const entityTags = (db: Kysely<DB>) =>
  db.selectFrom('entity_tag').selectAll().where('active', '=', true).orderBy('name').execute();

/** What the audit chain recorded about one business (imports are audited per job, not per row). */
export const entityChanges = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('audit_event')
    .select(['seq', 'at', 'actor', 'action', 'before', 'after'])
    .where('subject_type', '=', 'entity')
    .where('subject_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
