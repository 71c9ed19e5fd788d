// SQL of the inspection workflow. The item list and checklists belong to the registers module, whose
// table types are not in schema.ts on this branch: those two tables are read with plain SQL.
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { ChecklistContent } from '../../core/checklist/content.ts';
import type {
  ChangeKind,
  ChangeOutcome,
  DB,
  FindingResult,
  InspectionStatus,
  InspectionTable,
} from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

// ---- tasks, teams, items, checklists ----

export interface TaskFacts {
  id: string;
  code: string;
  status: 'unassigned' | 'assigned' | 'cancelled';
  status_reason: string | null;
  draw_id: string | null;
  plan_id: string | null;
  org_id: string;
  region_code: string;
  item_ids: string[];
  entity_id: string;
  entity_name: string;
  identifier: string;
  address: string | null;
  phone: string | null;
  legal_rep: string | null;
  entity_region: string;
  entity_status: string;
  entity_org_id: string;
  plan_name: string | null;
  plan_code: string | null;
  /** The batch's last day, or the re-check's due day for a re-check task. */
  deadline: string | null;
  recheck_of: string | null;
}

const TASK_FACTS = sql`
  select t.id, t.code, t.status, t.status_reason, t.draw_id, t.plan_id, t.org_id, t.region_code, t.item_ids,
    e.id as entity_id, e.name as entity_name, e.identifier, coalesce(e.biz_address, e.reg_address) as address,
    e.phone, e.legal_rep, e.region_code as entity_region, e.status as entity_status, e.org_id as entity_org_id,
    p.name as plan_name, p.code as plan_code,
    coalesce(f.due_on, b.ends_on) as deadline, f.inspection_id as recheck_of
  from task t
  join entity e on e.id = t.entity_id
  left join plan p on p.id = t.plan_id
  left join draw d on d.id = t.draw_id
  left join plan_batch b on b.id = d.batch_id
  left join follow_up f on f.recheck_task_id = t.id`;

export async function findTask(db: Kysely<DB>, taskId: string): Promise<TaskFacts | undefined> {
  const { rows } = await sql<TaskFacts>`${TASK_FACTS} where t.id = ${taskId}`.execute(db);
  return rows[0];
}

export interface MemberRow {
  inspector_id: string;
  org_id: string;
  org_name: string;
  position: number;
  name: string;
  cert_no: string;
}

/** The current team, lead first (position 0; in a joint task each department's lowest position leads its team). */
export const teamOf = (db: Kysely<DB>, taskId: string) =>
  db
    .selectFrom('task_member as m')
    .innerJoin('inspector as i', 'i.id', 'm.inspector_id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.inspector_id', 'm.org_id', 'o.short_name as org_name', 'm.position', 'i.name', 'i.cert_no'])
    .where('m.task_id', '=', taskId)
    .where('m.removed_by', 'is', null)
    .orderBy('m.position')
    .execute() as Promise<MemberRow[]>;

export interface ItemRow {
  id: string;
  code: string;
  name: string;
  category: string;
  /** The department that inspects this item in the task's plan (the task's department without a plan). */
  org_id: string;
}

export async function taskItems(db: Kysely<DB>, task: Pick<TaskFacts, 'item_ids' | 'plan_id' | 'org_id'>) {
  if (task.item_ids.length === 0) return [];
  const { rows } = await sql<ItemRow>`
    select i.id, i.code, i.name, i.category, coalesce(pi.org_id, ${task.org_id}::uuid) as org_id
    from inspection_item i
    left join plan_item pi on pi.item_id = i.id and pi.plan_id = ${task.plan_id}::uuid
    where i.id = any(${task.item_ids}::uuid[])
    order by pi.position nulls last, i.code`.execute(db);
  return rows;
}

export interface ChecklistRow {
  id: string;
  item_id: string;
  version: number;
  content: ChecklistContent;
}

/** The published checklist of each item (items without one have none). */
export async function publishedChecklists(db: Kysely<DB>, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  const { rows } = await sql<ChecklistRow>`
    select distinct on (item_id) id, item_id, version, content from checklist
    where item_id = any(${itemIds}::uuid[]) and status = 'published'
    order by item_id, version desc`.execute(db);
  return rows;
}

export async function checklistsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<ChecklistRow>`
    select id, item_id, version, content from checklist where id = any(${ids}::uuid[])`.execute(db);
  return rows;
}

// ---- inspections ----

export type InspectionRow = Selectable<InspectionTable>;

export const findInspection = (db: Kysely<DB>, id: string) =>
  db.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
    InspectionRow | undefined
  >;

export const inspectionOfTask = (db: Kysely<DB>, taskId: string, orgId: string) =>
  db
    .selectFrom('inspection')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('org_id', '=', orgId)
    .executeTakeFirst() as Promise<InspectionRow | undefined>;

export const inspectionsOfTask = (db: Kysely<DB>, taskId: string) =>
  db.selectFrom('inspection').selectAll().where('task_id', '=', taskId).execute() as Promise<InspectionRow[]>;

/** Locks the record for the rest of the transaction: concurrent syncs of one record run one after the other. */
export const lockInspection = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('inspection')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow() as Promise<InspectionRow>;

/** Creates the department's record of a task once (a second call finds it). */
export async function insertInspectionOnce(
  db: Kysely<DB>,
  values: {
    task_id: string;
    org_id: string;
    region_code: string;
    entity_id: string;
    item_ids: string[];
    checklist_ids: string[];
  },
) {
  await db
    .insertInto('inspection')
    .values(values)
    .onConflict((oc) => oc.columns(['task_id', 'org_id']).doNothing())
    .execute();
}

export const updateInspection = (db: Kysely<DB>, id: string, values: Updateable<InspectionTable>) =>
  db
    .updateTable('inspection')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

export const codesOf = async (db: Kysely<DB>, inspectionId: string) =>
  (
    await db
      .selectFrom('inspection_result_code')
      .select('code')
      .where('inspection_id', '=', inspectionId)
      .execute()
  ).map((r) => r.code);

export async function codesOfMany(db: Kysely<DB>, ids: string[]) {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('inspection_result_code')
    .select(['inspection_id', 'code'])
    .where('inspection_id', 'in', ids)
    .execute();
  for (const r of rows) map.set(r.inspection_id, [...(map.get(r.inspection_id) ?? []), r.code]);
  return map;
}

export async function replaceCodes(db: Kysely<DB>, inspectionId: string, codes: string[], version: number) {
  await db.deleteFrom('inspection_result_code').where('inspection_id', '=', inspectionId).execute();
  if (codes.length)
    await db
      .insertInto('inspection_result_code')
      .values(codes.map((code) => ({ inspection_id: inspectionId, code, dictionary_version: version })))
      .execute();
}

export const findingsOf = (db: Kysely<DB>, inspectionId: string) =>
  db
    .selectFrom('inspection_finding')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('checklist_id')
    .orderBy('content_no')
    .execute();

export const findFinding = (db: Kysely<DB>, inspectionId: string, checklistId: string, contentNo: string) =>
  db
    .selectFrom('inspection_finding')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('checklist_id', '=', checklistId)
    .where('content_no', '=', contentNo)
    .executeTakeFirst();

export async function upsertFinding(
  db: Kysely<DB>,
  row: {
    inspection_id: string;
    checklist_id: string;
    content_no: string;
    result: FindingResult;
    note: string;
    updated_by: string;
    updated_by_name: string;
    updated_at: Date;
    version: number;
  },
) {
  const { inspection_id: _i, checklist_id: _c, content_no: _n, ...changes } = row;
  await db
    .insertInto('inspection_finding')
    .values(row)
    .onConflict((oc) => oc.columns(['inspection_id', 'checklist_id', 'content_no']).doUpdateSet(changes))
    .execute();
}

// ---- changes (history and idempotency) ----

export const changesByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('inspection_change')
        .select(['id', 'inspection_id', 'outcome'])
        .where('id', 'in', ids)
        .execute();

export async function insertChange(
  db: Kysely<DB>,
  row: {
    id: string;
    inspection_id: string;
    version: number;
    base_version?: number | null;
    kind: ChangeKind;
    target?: string | null;
    value?: unknown;
    outcome?: ChangeOutcome;
    user_id: string | null;
    user_name: string;
    made_at?: Date | null;
  },
) {
  await db
    .insertInto('inspection_change')
    .values({
      ...row,
      value: row.value === undefined ? null : JSON.stringify(row.value),
    })
    .execute();
}

/** The latest applied change of a field by someone else after the version a device saw. */
export const laterFieldChange = (
  db: Kysely<DB>,
  inspectionId: string,
  field: string,
  baseVersion: number,
  userId: string,
) =>
  db
    .selectFrom('inspection_change')
    .select(['user_name', 'at', 'version', 'value'])
    .where('inspection_id', '=', inspectionId)
    .where('kind', '=', 'field')
    .where('target', '=', field)
    .where('outcome', '=', 'applied')
    .where('version', '>', baseVersion)
    .where('user_id', 'is distinct from', userId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const historyOf = (db: Kysely<DB>, inspectionId: string, limit = 200) =>
  db
    .selectFrom('inspection_change')
    .select(['id', 'version', 'kind', 'target', 'value', 'outcome', 'user_name', 'at', 'made_at'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('version', 'desc')
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();

export async function firstChangeAt(db: Kysely<DB>, inspectionId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('inspection_change')
    .select((eb) => eb.fn.min('made_at').as('at'))
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

// ---- evidence ----

export const evidenceOf = (db: Kysely<DB>, inspectionId: string) =>
  db
    .selectFrom('evidence')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('removed_at', 'is', null)
    .orderBy('uploaded_at')
    .execute();

export const findEvidence = (db: Kysely<DB>, id: string) =>
  db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();

// ---- lists ----

export interface MyTaskRow {
  task_id: string;
  code: string;
  entity_name: string;
  identifier: string;
  address: string | null;
  phone: string | null;
  org_id: string;
  inspection_id: string | null;
  status: InspectionStatus | null;
  return_reason: string | null;
  planned_on: string | null;
  deadline: string | null;
  recheck: boolean;
  lead: boolean;
  item_count: number;
}

/** Tasks on which an inspector is a current team member (open ones, and the last finished ones). */
export async function tasksOfInspector(db: Kysely<DB>, inspectorId: string) {
  const { rows } = await sql<MyTaskRow>`
    select t.id as task_id, t.code, e.name as entity_name, e.identifier,
      coalesce(e.biz_address, e.reg_address) as address, e.phone, m.org_id,
      i.id as inspection_id, i.status, i.return_reason, i.planned_on,
      coalesce(f.due_on, b.ends_on) as deadline, (f.id is not null) as recheck,
      m.position = (select min(m2.position) from task_member m2
        where m2.task_id = t.id and m2.org_id = m.org_id and m2.removed_by is null) as lead,
      cardinality(t.item_ids) as item_count
    from task_member m
    join task t on t.id = m.task_id
    join entity e on e.id = t.entity_id
    left join draw d on d.id = t.draw_id
    left join plan_batch b on b.id = d.batch_id
    left join follow_up f on f.recheck_task_id = t.id
    left join inspection i on i.task_id = t.id and i.org_id = m.org_id
    where m.inspector_id = ${inspectorId} and m.removed_by is null and t.status = 'assigned'
      and (i.status is null or i.status in ('draft', 'returned')
        or i.updated_at > now() - interval '60 days')
    order by coalesce(f.due_on, b.ends_on) nulls last, i.planned_on nulls last, t.code
    limit 500`.execute(db);
  return rows;
}

export interface InspectionListRow {
  id: string;
  task_id: string;
  task_code: string;
  entity_name: string;
  identifier: string;
  org_id: string;
  org_name: string;
  status: InspectionStatus;
  method: string | null;
  ended_on: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  publishable_by: string | null;
  return_reason: string | null;
  lead_name: string | null;
  reminded: boolean;
}

export async function listInspections(
  db: Kysely<DB>,
  f: {
    orgPath: string;
    statuses: InspectionStatus[];
    q?: string;
    orderBy: 'submitted' | 'deadline';
    page: number;
    pageSize: number;
  },
) {
  const where = sql.join(
    [
      inOrgSubtree('i.org_id', f.orgPath),
      sql`i.status in (${sql.join(f.statuses)})`,
      ...(f.q ? [sql`(e.name like ${`%${f.q}%`} or e.identifier = ${f.q} or t.code = ${f.q})`] : []),
    ],
    sql` and `,
  );
  const order =
    f.orderBy === 'deadline' ? sql`i.publishable_by nulls last, i.id` : sql`i.submitted_at nulls last, i.id`;
  const { rows } = await sql<InspectionListRow>`
    select i.id, i.task_id, t.code as task_code, e.name as entity_name, e.identifier, i.org_id,
      o.short_name as org_name, i.status, i.method, i.ended_on, i.submitted_at, i.approved_at, i.publishable_by,
      i.return_reason,
      (select n.name from task_member m join inspector n on n.id = m.inspector_id
        where m.task_id = i.task_id and m.org_id = i.org_id and m.removed_by is null
        order by m.position limit 1) as lead_name,
      exists (select 1 from deadline_reminder r where r.subject_id = i.id) as reminded
    from inspection i
    join task t on t.id = i.task_id
    join entity e on e.id = i.entity_id
    join org o on o.id = i.org_id
    where ${where}
    order by ${order}
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from inspection i join task t on t.id = i.task_id join entity e on e.id = i.entity_id
    where ${where}`.execute(db);
  return { rows, total: total.rows[0].n };
}

/** Earlier approved or published results of a business, newest first. */
export async function previousResults(db: Kysely<DB>, entityId: string, exceptTaskId: string | null) {
  const { rows } = await sql<{
    id: string;
    task_code: string;
    org_name: string;
    ended_on: string | null;
    status: InspectionStatus;
    disposition: string | null;
    method: string | null;
  }>`
    select i.id, t.code as task_code, o.short_name as org_name, i.ended_on, i.status, i.disposition, i.method
    from inspection i join task t on t.id = i.task_id join org o on o.id = i.org_id
    where i.entity_id = ${entityId} and i.status in ('approved', 'published')
      and i.task_id is distinct from ${exceptTaskId}::uuid
    order by i.ended_on desc nulls last
    limit 20`.execute(db);
  return rows;
}

/** A business's own approved and published inspections. */
export async function inspectionsOfEntity(db: Kysely<DB>, entityId: string) {
  const { rows } = await sql<{
    id: string;
    task_id: string;
    task_code: string;
    org_name: string;
    status: InspectionStatus;
    method: string | null;
    ended_on: string | null;
    disposition: string | null;
    correction_due_on: string | null;
    published_at: Date | null;
    item_ids: string[];
    checklist_ids: string[];
  }>`
    select i.id, i.task_id, t.code as task_code, o.name as org_name, i.status, i.method, i.ended_on,
      i.disposition, i.correction_due_on, i.published_at, i.item_ids, i.checklist_ids
    from inspection i join task t on t.id = i.task_id join org o on o.id = i.org_id
    where i.entity_id = ${entityId} and i.status in ('approved', 'published')
    order by i.ended_on desc nulls last
    limit 100`.execute(db);
  return rows;
}

export const itemNames = async (db: Kysely<DB>, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from inspection_item where id = any(${ids}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.name]));
};

export const orgPath = async (db: Kysely<DB>, orgId: string) =>
  await db
    .selectFrom('org')
    .select(['path', 'name', 'short_name', 'department'])
    .where('id', '=', orgId)
    .executeTakeFirst();

/** Departments a record can refer a case to or notify: those of the user's district and of the city. */
export const referralTargets = (db: Kysely<DB>, district: string, city: string) =>
  db
    .selectFrom('org')
    .select(['id', 'name', 'short_name', 'department', 'level'])
    .where('kind', '=', 'department')
    .where('active', '=', true)
    .where('region_code', 'in', [district, city])
    .orderBy('level', 'desc')
    .orderBy('code')
    .execute();
