// SQL of follow-ups (re-check, 移送, 抄告, 经营异常名录 proposals, alternates).
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, FollowUpStatus, FollowUpTable, FollowUpType } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

export type FollowUpRow = Selectable<FollowUpTable>;

export async function insertFollowUp(
  db: Kysely<DB>,
  values: {
    kind: FollowUpType;
    inspection_id: string;
    entity_id: string;
    from_org_id: string;
    to_org_id: string;
    region_code: string;
    cause: string | null;
    note: string;
    status: FollowUpStatus;
    starts_on: string | null;
    order_due_on: string | null;
    due_on: string | null;
    report_due_on: string | null;
  },
) {
  return db.insertInto('follow_up').values(values).returning(['id', 'code']).executeTakeFirstOrThrow();
}

export const findFollowUp = (db: Kysely<DB>, id: string) =>
  db.selectFrom('follow_up').selectAll().where('id', '=', id).executeTakeFirst();

export const lockFollowUp = (db: Kysely<DB>, id: string) =>
  db.selectFrom('follow_up').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateFollowUp = (db: Kysely<DB>, id: string, values: Updateable<FollowUpTable>) =>
  db
    .updateTable('follow_up')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

export const followUpsOfInspection = (db: Kysely<DB>, inspectionId: string) =>
  db
    .selectFrom('follow_up as f')
    .innerJoin('org as o', 'o.id', 'f.to_org_id')
    .leftJoin('task as t', 't.id', 'f.recheck_task_id')
    .select([
      'f.id',
      'f.code',
      'f.kind',
      'f.status',
      'f.outcome',
      'f.cause',
      'f.due_on',
      'f.order_due_on',
      'f.report_due_on',
      'f.escalated_at',
      'o.short_name as to_org_name',
      't.code as recheck_task_code',
    ])
    .where('f.inspection_id', '=', inspectionId)
    .orderBy('f.created_at')
    .execute();

export const recheckOfTask = (db: Kysely<DB>, taskId: string) =>
  db.selectFrom('follow_up').selectAll().where('recheck_task_id', '=', taskId).forUpdate().executeTakeFirst();

/** Code B's proposals from an inspection that still wait for, or await a decision after, the order's expiry. */
export const pendingProposalsOf = (db: Kysely<DB>, inspectionId: string, cause: string) =>
  db
    .selectFrom('follow_up')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('kind', '=', 'abnormal_list_proposal')
    .where('cause', '=', cause)
    .where('status', 'in', ['waiting', 'open'])
    .execute();

export interface FollowUpListRow {
  id: string;
  code: string;
  kind: FollowUpType;
  status: FollowUpStatus;
  outcome: string | null;
  cause: string | null;
  note: string;
  entity_id: string;
  entity_name: string;
  identifier: string;
  from_org_id: string;
  from_org_name: string;
  to_org_id: string;
  to_org_name: string;
  inspection_id: string;
  task_code: string;
  recheck_task_id: string | null;
  recheck_task_code: string | null;
  starts_on: string | null;
  order_due_on: string | null;
  due_on: string | null;
  report_due_on: string | null;
  acknowledged_at: Date | null;
  report: string | null;
  reported_at: Date | null;
  decided_at: Date | null;
  decision_note: string | null;
  escalated_at: Date | null;
  detail: unknown;
  created_at: Date;
  closed_at: Date | null;
}

const LIST_SELECT = sql`
  select f.id, f.code, f.kind, f.status, f.outcome, f.cause, f.note, f.entity_id, e.name as entity_name,
    e.identifier, f.from_org_id, fo.short_name as from_org_name, f.to_org_id, tto.short_name as to_org_name,
    f.inspection_id, t.code as task_code, f.recheck_task_id, rt.code as recheck_task_code, f.starts_on,
    f.order_due_on, f.due_on, f.report_due_on, f.acknowledged_at, f.report, f.reported_at, f.decided_at,
    f.decision_note, f.escalated_at, f.detail, f.created_at, f.closed_at
  from follow_up f
  join entity e on e.id = f.entity_id
  join org fo on fo.id = f.from_org_id
  join org tto on tto.id = f.to_org_id
  join inspection i on i.id = f.inspection_id
  join task t on t.id = i.task_id
  left join task rt on rt.id = f.recheck_task_id`;

export type Box = 'inbox' | 'sent' | 'escalated';

export async function listFollowUps(
  db: Kysely<DB>,
  f: {
    orgPath: string;
    box: Box;
    kind?: FollowUpType;
    open?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const box =
    f.box === 'inbox'
      ? inOrgSubtree('f.to_org_id', f.orgPath)
      : f.box === 'sent'
        ? inOrgSubtree('f.from_org_id', f.orgPath)
        : sql`f.escalated_at is not null and (${inOrgSubtree('f.to_org_id', f.orgPath)} or ${inOrgSubtree('f.from_org_id', f.orgPath)})`;
  const where = sql.join(
    [
      box,
      ...(f.kind ? [sql`f.kind = ${f.kind}`] : []),
      ...(f.open === true ? [sql`f.status not in ('closed', 'withdrawn')`] : []),
      ...(f.open === false ? [sql`f.status in ('closed', 'withdrawn')`] : []),
    ],
    sql` and `,
  );
  const { rows } = await sql<FollowUpListRow>`${LIST_SELECT} where ${where}
    order by (f.status in ('closed', 'withdrawn')), f.due_on nulls last, f.created_at
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from follow_up f where ${where}`.execute(
    db,
  );
  return { rows, total: total.rows[0].n };
}

export async function followUpListRow(db: Kysely<DB>, id: string) {
  const { rows } = await sql<FollowUpListRow>`${LIST_SELECT} where f.id = ${id}`.execute(db);
  return rows[0];
}

// ---- what the daily job looks for ----

/** Open orders whose deadline has passed without a re-check task yet. */
export const expiredOrders = (db: Kysely<DB>, today: string) =>
  db
    .selectFrom('follow_up')
    .selectAll()
    .where('kind', '=', 'recheck')
    .where('status', '=', 'open')
    .where('recheck_task_id', 'is', null)
    .where('order_due_on', '<', today)
    .orderBy('order_due_on')
    .execute();

/** Code B proposals whose order to publish has expired: the decision may now be taken. */
export const proposalsToOpen = (db: Kysely<DB>, today: string) =>
  db
    .selectFrom('follow_up')
    .selectAll()
    .where('status', '=', 'waiting')
    .where('starts_on', '<', today)
    .execute();

/** Follow-ups whose current step is overdue and which have not been escalated yet. */
export const overdueFollowUps = (db: Kysely<DB>, today: string) =>
  db
    .selectFrom('follow_up')
    .selectAll()
    .where('escalated_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('kind', 'in', ['case_referral', 'notify']),
          eb('status', '=', 'open'),
          eb('due_on', '<', today),
        ]),
        eb.and([eb('status', '=', 'acknowledged'), eb('report_due_on', '<', today)]),
        eb.and([
          eb('kind', '=', 'abnormal_list_proposal'),
          eb('status', '=', 'open'),
          eb('due_on', '<', today),
        ]),
        eb.and([eb('kind', '=', 'recheck'), eb('status', '=', 'rechecking'), eb('due_on', '<', today)]),
      ]),
    )
    .execute();

export const openAlternates = (db: Kysely<DB>) =>
  db
    .selectFrom('follow_up')
    .select('id')
    .where('kind', '=', 'alternate')
    .where('status', '=', 'open')
    .execute();

/** Team members of a department on a task, in order, to form a re-check team. */
export const departmentTeam = (db: Kysely<DB>, taskId: string, orgId: string) =>
  db
    .selectFrom('task_member')
    .select(['inspector_id', 'org_id', 'position'])
    .where('task_id', '=', taskId)
    .where('org_id', '=', orgId)
    .where('removed_by', 'is', null)
    .orderBy('position')
    .execute();
