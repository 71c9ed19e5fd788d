// The inspection-item list (随机抽查事项清单) and its checklists. A list drawn up at a level applies
// below it, so readers see the items of their organisation's subtree and of the organisations above;
// writers change only their subtree's.
import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type { DB, ItemLevel, ItemType } from '../../db/schema.ts';

/** Whose list applies: the caller's organisation. */
export interface Reader {
  orgPath: string;
  regionCode: string;
  orgLevel: 'city' | 'district' | 'street';
}

export interface ItemFilter {
  reader: Reader;
  /** Name substring, or an item code (exact). */
  q?: string;
  year?: number;
  /** 编制单位 as written, or a department code (SAMR …). */
  department?: string;
  category?: string;
  itemType?: ItemType;
  joint?: boolean;
  level?: ItemLevel;
  active?: boolean;
  /** Only items with a published checklist (true) or without one (false). */
  checklist?: boolean;
}

export type ItemSort = 'code' | 'name' | 'seq' | 'owner_department';

/**
 * Items the caller may read: those of their organisation and below, and the lists drawn up at a
 * higher level for their region (a city department's list applies in every district, and so on).
 * Mirrors `itemReadable` in service.ts.
 */
export const readableItems = (reader: Reader) =>
  sql<boolean>`i.org_id in (select id from org where path like ${`${reader.orgPath}%`}
    or ${reader.orgPath} like path || '%'
    or (level = 'city' and ${reader.orgLevel} <> 'city' and ${reader.regionCode} like substr(region_code, 1, 4) || '%')
    or (level = 'district' and ${reader.orgLevel} = 'street' and ${reader.regionCode} like region_code || '%'))`;

export function filteredItems(db: Kysely<DB>, f: ItemFilter) {
  let query = db
    .selectFrom('inspection_item as i')
    .innerJoin('org as o', 'o.id', 'i.org_id')
    .where(readableItems(f.reader));
  const q = f.q?.trim();
  if (q) {
    query = query.where((eb) =>
      eb.or([
        eb('i.name', 'like', `%${escapeLike(q)}%`),
        eb('i.category', 'like', `%${escapeLike(q)}%`),
        eb('i.code', '=', q.toUpperCase()),
      ]),
    );
  }
  if (f.year) query = query.where('i.year', '=', f.year);
  if (f.department) {
    const d = f.department;
    query = query.where((eb) => eb.or([eb('i.owner_department', '=', d), eb('i.department', '=', d)]));
  }
  if (f.category) query = query.where('i.category', '=', f.category);
  if (f.itemType) query = query.where('i.item_type', '=', f.itemType);
  if (f.joint !== undefined) query = query.where('i.is_joint', '=', f.joint);
  if (f.level) query = query.where('i.level', '=', f.level);
  query = query.where('i.active', '=', f.active ?? true);
  if (f.checklist !== undefined) {
    const published = sql<boolean>`exists (select 1 from checklist c where c.item_id = i.id and c.status = 'published')`;
    query = query.where(f.checklist ? published : sql<boolean>`not ${published}`);
  }
  return query;
}

type Filtered = ReturnType<typeof filteredItems>;

function columns(query: Filtered) {
  return query.select([
    'i.id',
    'i.code',
    'i.year',
    'i.owner_department',
    'i.owner_org_id',
    'i.department',
    'i.category',
    'i.name',
    'i.target',
    'i.item_type',
    'i.methods',
    'i.subject',
    'i.legal_basis',
    'i.ratio_bp',
    'i.frequency',
    'i.level',
    'i.is_joint',
    'i.field',
    'i.initiating_department',
    'i.cooperating_departments',
    'i.required_qualification',
    'i.seq',
    'i.active',
    'i.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'o.level as org_level',
    'o.region_code as org_region_code',
    sql<
      number | null
    >`(select c.version from checklist c where c.item_id = i.id and c.status = 'published')`.as(
      'checklist_version',
    ),
    sql<boolean>`exists (select 1 from checklist c where c.item_id = i.id and c.status = 'draft')`.as(
      'has_draft',
    ),
    'i.updated_at',
  ]);
}

export interface Page {
  page: number;
  pageSize: number;
  sort: ItemSort;
  desc: boolean;
}

export async function listItems(db: Kysely<DB>, f: ItemFilter, p: Page) {
  const query = filteredItems(db, f);
  const direction = p.desc ? 'desc' : 'asc';
  const [rows, total] = await Promise.all([
    columns(query)
      .orderBy(`i.${p.sort}`, direction)
      .orderBy('i.code')
      .orderBy('i.year', 'desc')
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function* exportItems(db: Kysely<DB>, f: ItemFilter, limit: number) {
  const pageSize = 5000;
  for (let offset = 0; offset < limit; offset += pageSize) {
    const rows = await columns(filteredItems(db, f))
      .orderBy('i.owner_department')
      .orderBy('i.seq')
      .orderBy('i.code')
      .limit(Math.min(pageSize, limit - offset))
      .offset(offset)
      .execute();
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
  }
}

export const countItems = async (db: Kysely<DB>, f: ItemFilter) =>
  Number(
    (
      await filteredItems(db, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** One item with its organisation's path, whatever the caller's scope (the service checks it). */
export const findItem = (db: Kysely<DB>, id: string) =>
  columns(
    db.selectFrom('inspection_item as i').innerJoin('org as o', 'o.id', 'i.org_id').where('i.id', '=', id),
  ).executeTakeFirst();

/** Years, departments and categories of the readable list, for the filter menus. */
export async function itemFacets(db: Kysely<DB>, reader: Reader, year?: number) {
  const base = db
    .selectFrom('inspection_item as i')
    .where(readableItems(reader))
    .where('i.active', '=', true);
  const inYear = year ? base.where('i.year', '=', year) : base;
  const [years, departments, categories] = await Promise.all([
    base.select('i.year').distinct().orderBy('i.year', 'desc').execute(),
    inYear
      .select(['i.owner_department', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('i.owner_department')
      .orderBy('n', 'desc')
      .execute(),
    inYear.select('i.category').distinct().orderBy('i.category').execute(),
  ]);
  return {
    years: years.map((y) => y.year),
    departments: departments.map((d) => ({ name: d.owner_department, count: Number(d.n) })),
    categories: categories.map((c) => c.category),
  };
}

export const checklistVersions = (db: Kysely<DB>, itemId: string) =>
  db
    .selectFrom('checklist as c')
    .leftJoin('app_user as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.version',
      'c.status',
      'c.note',
      'c.created_at',
      'c.updated_at',
      'c.published_at',
      'u.display_name as created_by_name',
      sql<number>`jsonb_array_length(c.content -> 'mains')`.as('mains'),
      sql<number>`(select count(*) from jsonb_array_elements(c.content -> 'mains') m, jsonb_array_elements(m -> 'subs') s)::integer`.as(
        'subs',
      ),
      sql<number>`(select count(*) from jsonb_array_elements(c.content -> 'mains') m, jsonb_array_elements(m -> 'subs') s, jsonb_array_elements(s -> 'contents') x)::integer`.as(
        'contents',
      ),
    ])
    .where('c.item_id', '=', itemId)
    .orderBy('c.version', 'desc')
    .execute();

export const findChecklist = (db: Kysely<DB>, itemId: string, version: number) =>
  db
    .selectFrom('checklist')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .executeTakeFirst();

export const itemChanges = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('audit_event')
    .select(['seq', 'at', 'actor', 'action', 'before', 'after'])
    .where('subject_type', '=', 'inspection_item')
    .where('subject_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(100)
    .execute();
