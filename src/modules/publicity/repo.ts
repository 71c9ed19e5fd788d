// What the public portal reads: published inspection results, published plans, the city's item
// list, businesses and their 经营异常名录 entries. Rows here may carry more than the public sees;
// service.ts picks the fields that leave the server.
import { type Kysely, sql } from 'kysely';
import { PROBLEM_FOUND_CODES } from '../../core/results/codes.ts';
import { escapeLike } from '../../db/like.ts';
import type { DB } from '../../db/schema.ts';
import { filteredEntities } from '../entities/repo.ts';

/** A China date's first instant, for comparisons with timestamps. */
const chinaMidnight = (date: string) => sql<Date>`(${date}::date::timestamp at time zone 'Asia/Shanghai')`;

export interface ResultFilter {
  /** Published on or after this China date. */
  since?: string;
  /** Published on or before this China date. */
  until?: string;
  /** The department's name. */
  department?: string;
  code?: string;
  /** Business name substring, or its USCC / 注册号. */
  q?: string;
  entityId?: string;
}

/**
 * Published records matching the filter, on the inspection table alone: the business and the
 * department are matched by subquery, so counting a city's year of results never joins millions
 * of businesses.
 */
function publishedResults(db: Kysely<DB>, f: ResultFilter) {
  let query = db.selectFrom('inspection as i').where('i.status', '=', 'published');
  if (f.since) query = query.where('i.published_at', '>=', chinaMidnight(f.since));
  if (f.until)
    query = query.where('i.published_at', '<', sql<Date>`${chinaMidnight(f.until)} + interval '1 day'`);
  if (f.department) {
    const name = f.department;
    query = query.where('i.org_id', 'in', (eb) => eb.selectFrom('org').select('id').where('name', '=', name));
  }
  if (f.entityId) query = query.where('i.entity_id', '=', f.entityId);
  if (f.code) {
    const code = f.code;
    query = query.where(
      sql<boolean>`exists (select 1 from inspection_result_code c where c.inspection_id = i.id and c.code = ${code})`,
    );
  }
  if (f.q?.trim()) {
    // The directory's own matching: exact codes, the bigram index for two characters, else trigrams.
    const matching = filteredEntities(db, { regionPrefix: '', q: f.q, directory: 'all' }).select('e.id');
    query = query.where('i.entity_id', 'in', matching);
  }
  return query;
}

function resultColumns(query: ReturnType<typeof publishedResults>) {
  return query
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .innerJoin('org as o', 'o.id', 'i.org_id')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .leftJoin('draw as d', 'd.id', 't.draw_id')
    .select([
      'i.id',
      'e.name as entity_name',
      'e.identifier',
      'i.ended_on',
      'i.published_at',
      'o.name as department',
      'i.item_ids',
      'i.disposition',
      'i.correction_due_on',
      't.code as task_code',
      'd.code as draw_code',
    ])
    .select(
      sql<string[]>`array(select c.code from inspection_result_code c where c.inspection_id = i.id)`.as(
        'codes',
      ),
    );
}

export type ResultRow = Awaited<ReturnType<typeof listResults>>['rows'][number];

export async function listResults(db: Kysely<DB>, f: ResultFilter, page: { page: number; pageSize: number }) {
  const query = publishedResults(db, f);
  const [rows, total] = await Promise.all([
    resultColumns(query)
      .orderBy('i.published_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Results published on or after `since`, oldest first, after the (published_at, id) cursor. */
export function resultsSince(
  db: Kysely<DB>,
  since: string,
  after: { at: Date; id: string } | undefined,
  limit: number,
) {
  let query = resultColumns(publishedResults(db, { since }));
  if (after) {
    query = query.where(sql<boolean>`(i.published_at, i.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy('i.published_at').orderBy('i.id').limit(limit).execute();
}

export async function itemNames(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('inspection_item').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Uncorrelated, so the planner hashes the problem records once instead of probing per record.
const problemFound = sql<boolean>`i.id in (select c.inspection_id from inspection_result_code c
  where c.code = any(${[...PROBLEM_FOUND_CODES]}::text[]))`;

/** Counts of the published results of a year (by date of inspection). */
export async function resultStats(db: Kysely<DB>, year: number) {
  const inYear = db
    .selectFrom('inspection as i')
    .where('i.status', '=', 'published')
    .where('i.ended_on', '>=', `${year}-01-01`)
    .where('i.ended_on', '<=', `${year}-12-31`);
  const [totals, byDepartment, byCode, byMonth] = await Promise.all([
    inYear
      .select([
        (eb) => eb.fn.countAll<number>().as('published'),
        sql<number>`count(*) filter (where ${problemFound})`.as('with_problems'),
        sql<number>`count(distinct i.entity_id)`.as('entities'),
        sql<number>`count(distinct i.org_id)`.as('departments'),
      ])
      .executeTakeFirstOrThrow(),
    inYear
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .select([
        'o.name as department',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) filter (where ${problemFound})`.as('with_problems'),
      ])
      .groupBy('o.name')
      .orderBy('n', 'desc')
      .execute(),
    inYear
      .innerJoin('inspection_result_code as c', 'c.inspection_id', 'i.id')
      .select(['c.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('c.code')
      .execute(),
    inYear
      .select([
        sql<string>`to_char(i.ended_on, 'YYYY-MM')`.as('month'),
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) filter (where ${problemFound})`.as('with_problems'),
      ])
      .groupBy(sql`to_char(i.ended_on, 'YYYY-MM')`)
      .orderBy('month')
      .execute(),
  ]);
  return { totals, byDepartment, byCode, byMonth };
}

export async function publishedYears(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    select distinct extract(year from ended_on)::int as year from inspection
    where status = 'published' and ended_on is not null order by year desc`.execute(db);
  return rows.map((r) => r.year);
}

/** Up to `limit` businesses by name substring or code, with how many published results each has. */
export function lookUpEntities(db: Kysely<DB>, q: string, limit: number) {
  return filteredEntities(db, { regionPrefix: '', q, directory: 'all' })
    .select([
      'e.id',
      'e.identifier',
      'e.name',
      'e.kind',
      'e.status',
      'e.region_code',
      'e.abnormal_listed',
      sql<number>`(select count(*) from inspection i where i.entity_id = e.id and i.status = 'published')`.as(
        'published',
      ),
    ])
    .limit(limit)
    .execute();
}

export const entityByIdentifier = (db: Kysely<DB>, code: string) =>
  db
    .selectFrom('entity')
    .select([
      'id',
      'identifier',
      'name',
      'kind',
      'status',
      'registered_on',
      'reg_address',
      'region_code',
      'industry_code',
    ])
    .where((eb) => eb.or([eb('identifier', '=', code), eb('reg_no', '=', code), eb('uscc', '=', code)]))
    .executeTakeFirst();

export const listEntriesOf = (db: Kysely<DB>, entityId: string) =>
  db
    .selectFrom('entity_list_entry as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select([
      'l.list',
      'l.cause_text',
      'l.listed_on',
      'l.removed_on',
      'l.removal_reason',
      'o.name as department',
    ])
    .where('l.entity_id', '=', entityId)
    .orderBy('l.listed_on', 'desc')
    .execute();

export interface PlanFilter {
  year?: number;
  q?: string;
}

function publishedPlans(db: Kysely<DB>, f: PlanFilter) {
  let query = db
    .selectFrom('plan as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .where('p.status', '=', 'published');
  if (f.year) query = query.where('p.year', '=', f.year);
  const q = f.q?.trim();
  if (q) {
    query = query.where((eb) =>
      eb.or([eb('p.name', 'like', `%${escapeLike(q)}%`), eb('p.code', '=', q.toUpperCase())]),
    );
  }
  return query;
}

export async function listPublishedPlans(
  db: Kysely<DB>,
  f: PlanFilter,
  page: { page: number; pageSize: number },
) {
  const query = publishedPlans(db, f);
  const [rows, total] = await Promise.all([
    query
      .select([
        'p.id',
        'p.code',
        'p.year',
        'p.name',
        'o.name as org_name',
        'p.kind',
        'p.directed',
        'p.starts_on',
        'p.ends_on',
        'p.published_at',
        sql<string[]>`array(select c.name from unnest(p.cooperating_org_ids) with ordinality u(id, n)
          join org c on c.id = u.id order by u.n)`.as('cooperating'),
        sql<number>`(select count(*) from plan_item pi where pi.plan_id = p.id)`.as('item_count'),
        sql<number>`(select count(*) from plan_amendment a where a.plan_id = p.id)`.as('amendment_count'),
      ])
      .orderBy('p.year', 'desc')
      .orderBy('p.published_at', 'desc')
      .orderBy('p.code')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const publishedPlanId = (db: Kysely<DB>, idOrCode: string) =>
  db
    .selectFrom('plan')
    .select('id')
    .where(/^[0-9a-f-]{36}$/i.test(idOrCode) ? 'id' : 'code', '=', idOrCode)
    .where('status', '=', 'published')
    .executeTakeFirst();

/** The organisation at the top of the tree: its path covers every organisation. */
export const rootOrg = (db: Kysely<DB>) =>
  db
    .selectFrom('org')
    .select(['path', 'region_code'])
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
