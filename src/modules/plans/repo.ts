import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';
import type { PlanItemRef } from './rules.ts';

export interface ItemRow extends PlanItemRef {
  owner_org_id: string | null;
  required_qualification: string | null;
}

/** Inspection items (migration 0002, owned by the registers module) by id. */
export async function findItems(db: Kysely<DB>, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ItemRow>`
    select id, code, name, item_type, ratio_bp, owner_org_id, required_qualification
    from inspection_item where id = any(${ids}::uuid[])`.execute(db);
  return rows;
}

/** Inspection items a plan may list, for the plan editor's picker (the register is the registers module's). */
export async function searchItems(db: Kysely<DB>, f: { q?: string; year?: number; limit: number }) {
  const { rows } = await sql<ItemRow & { owner_name: string | null; year: number; is_joint: boolean }>`
    select i.id, i.code, i.name, i.item_type, i.ratio_bp, i.owner_org_id, i.required_qualification, i.year,
           i.is_joint, coalesce(o.name, i.owner_department) as owner_name
    from inspection_item i left join org o on o.id = i.owner_org_id
    where i.active
      ${f.q ? sql`and (i.name like ${`%${f.q}%`} or i.code = ${f.q})` : sql``}
      ${f.year ? sql`and i.year = ${f.year}` : sql``}
    order by i.year desc, i.code
    limit ${f.limit}`.execute(db);
  return rows;
}

/** Plans whose owning or cooperating department lies in the organisation subtree. */
export function plansVisibleTo(db: Kysely<DB>, orgPath: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .where((eb) =>
      eb.or([
        inOrgSubtree('p.org_id', orgPath),
        sql<boolean>`p.cooperating_org_ids && array(select id from org where path like ${`${orgPath}%`})`,
      ]),
    );
}

export async function listPlans(
  db: Kysely<DB>,
  f: { orgPath: string; year?: number; status?: string; q?: string; page: number; pageSize: number },
) {
  let query = plansVisibleTo(db, f.orgPath);
  if (f.year) query = query.where('p.year', '=', f.year);
  if (f.status) query = query.where('p.status', '=', f.status as 'draft');
  if (f.q) query = query.where((eb) => eb.or([eb('p.name', 'like', `%${f.q}%`), eb('p.code', '=', f.q!)]));
  const [rows, total] = await Promise.all([
    query
      .select([
        'p.id',
        'p.code',
        'p.year',
        'p.name',
        'p.kind',
        'p.status',
        'p.org_id',
        'o.name as org_name',
        'p.starts_on',
        'p.ends_on',
        'p.directed',
        'p.created_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('draw as d')
          .whereRef('d.plan_id', '=', 'p.id')
          .where('d.status', '<>', 'abandoned')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('draws'),
      )
      .orderBy('p.year', 'desc')
      .orderBy('p.code', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, draws: Number(r.draws) })), total: Number(total.n) };
}

export const findPlanRow = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('plan as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select(['o.name as org_name', 'o.path as org_path', 'o.level as org_level', 'o.code as org_code'])
    .where('p.id', '=', id)
    .executeTakeFirst();

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlanRow>>>;

export async function planItems(db: Kysely<DB>, planId: string) {
  const { rows } = await sql<
    ItemRow & { org_id: string; org_name: string; org_code: string; item_year: number }
  >`
    select i.id, i.code, i.name, i.item_type, i.ratio_bp, i.owner_org_id, i.required_qualification,
           i.year as item_year, pi.org_id, o.name as org_name, o.code as org_code
    from plan_item pi
    join inspection_item i on i.id = pi.item_id
    join org o on o.id = pi.org_id
    where pi.plan_id = ${planId}
    order by pi.position`.execute(db);
  return rows;
}

export const planBatches = (db: Kysely<DB>, planId: string) =>
  db
    .selectFrom('plan_batch as b')
    .leftJoin('draw as d', (join) => join.onRef('d.batch_id', '=', 'b.id').on('d.status', '<>', 'abandoned'))
    .select([
      'b.id',
      'b.seq',
      'b.name',
      'b.starts_on',
      'b.ends_on',
      'd.id as draw_id',
      'd.code as draw_code',
      'd.status as draw_status',
    ])
    .where('b.plan_id', '=', planId)
    .orderBy('b.seq')
    .execute();

export const orgsByIds = (db: Kysely<DB>, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('org')
        .select(['id', 'code', 'name', 'short_name', 'kind', 'level', 'path', 'region_code', 'department'])
        .where('id', 'in', ids)
        .execute();

export const planAmendments = (db: Kysely<DB>, planId: string) =>
  db
    .selectFrom('plan_amendment as a')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select([
      'a.id',
      'a.seq',
      'a.reason',
      'a.before',
      'a.after',
      'a.created_at',
      'u.display_name as created_by',
    ])
    .where('a.plan_id', '=', planId)
    .orderBy('a.seq')
    .execute();
