// Follow-up that really follows (DOMAIN §3 step 7): what an approved result starts, the daily job that
// moves it on (re-check tasks when an order expires, proposals opening, escalation of overdue steps),
// and what the receiving department does (acknowledge, report back, decide on 经营异常名录).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import {
  type DeadlineSettings,
  deadlineState,
  plannedFollowUps,
  publicationReminderDue,
} from '../../core/inspections/rules.ts';
import { resultCode } from '../../core/results/codes.ts';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit, SYSTEM_ACTOR } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';
import { rescore } from '../credit/service.ts';
import { adjustDraw } from '../draws/adjust.ts';
import { findOrg } from '../orgs/repo.ts';
import { addListEntry, removeListEntry } from './lists.ts';
import * as repo from './repo.ts';

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.username });

/** The record an approval starts follow-ups from. */
export interface ApprovedRecord {
  id: string;
  task_id: string;
  org_id: string;
  entity_id: string;
  region_code: string;
  disposition: string | null;
  disposition_note: string;
  correction_due_on: string | null;
  follow_up_org_id: string | null;
  ended_on: string | null;
  summary: string;
}

/** Creates the follow-ups an approved result calls for, inside the approval's transaction. */
export async function startFollowUps(
  db: Kysely<DB>,
  actor: Actor,
  record: ApprovedRecord,
  facts: { codes: string[]; drawn: boolean; taskOrgId: string; entityOrgId: string; approvedOn: string },
  settings: DeadlineSettings,
) {
  const planned = plannedFollowUps(
    {
      codes: facts.codes,
      disposition: record.disposition as Parameters<typeof plannedFollowUps>[0]['disposition'],
      correctionDueOn: record.correction_due_on,
      endedOn: record.ended_on ?? facts.approvedOn,
      approvedOn: facts.approvedOn,
      drawn: facts.drawn,
    },
    settings,
  );
  const created: { id: string; code: string; kind: string }[] = [];
  for (const p of planned) {
    const to =
      p.kind === 'recheck'
        ? record.org_id
        : p.kind === 'case_referral' || p.kind === 'notify'
          ? record.follow_up_org_id!
          : p.kind === 'abnormal_list_proposal'
            ? facts.entityOrgId
            : facts.taskOrgId;
    const note = [
      p.cause ? `${p.cause} ${resultCode(p.cause)?.zh}` : '',
      record.disposition_note,
      record.summary,
    ]
      .filter(Boolean)
      .join('；');
    const row = await repo.insertFollowUp(db, {
      kind: p.kind,
      inspection_id: record.id,
      entity_id: record.entity_id,
      from_org_id: record.org_id,
      to_org_id: to,
      region_code: record.region_code,
      cause: p.cause,
      note,
      status: p.status,
      starts_on: p.startsOn,
      order_due_on: p.orderDueOn,
      due_on: p.dueOn,
      report_due_on: p.reportDueOn,
    });
    await appendAudit(db, actor, {
      action: 'follow_up.created',
      subjectType: 'follow_up',
      subjectId: row.id,
      orgId: to,
      after: { code: row.code, kind: p.kind, cause: p.cause, inspection: record.id, due: p.dueOn },
    });
    created.push({ ...row, kind: p.kind });
  }
  return created;
}

/** An approved re-check closes its order's follow-up: corrected, or not (then escalated). */
export async function settleRecheck(
  db: Kysely<DB>,
  actor: Actor,
  record: { id: string; task_id: string },
  codes: string[],
) {
  const followUp = await repo.recheckOfTask(db, record.task_id);
  if (followUp?.status !== 'rechecking') return;
  const corrected = codes.length > 0 && codes.every((c) => c === '1' || c === 'E');
  const now = new Date();
  await repo.updateFollowUp(db, followUp.id, {
    status: 'closed',
    outcome: corrected ? 'corrected' : 'not_corrected',
    closed_at: now,
    escalated_at: corrected ? followUp.escalated_at : (followUp.escalated_at ?? now),
    detail: JSON.stringify({ recheckInspection: record.id, codes }),
  });
  if (corrected && followUp.cause === 'B') {
    // Published within the order: the proposal to list it falls away.
    for (const proposal of await repo.pendingProposalsOf(db, followUp.inspection_id, 'B')) {
      await repo.updateFollowUp(db, proposal.id, {
        status: 'withdrawn',
        outcome: 'complied',
        closed_at: now,
      });
      await appendAudit(db, actor, {
        action: 'follow_up.withdrawn',
        subjectType: 'follow_up',
        subjectId: proposal.id,
        orgId: proposal.to_org_id,
        after: { code: proposal.code, reason: 'complied', recheck: followUp.code },
      });
    }
  }
  await appendAudit(db, actor, {
    action: 'follow_up.closed',
    subjectType: 'follow_up',
    subjectId: followUp.id,
    orgId: followUp.to_org_id,
    after: {
      code: followUp.code,
      outcome: corrected ? 'corrected' : 'not_corrected',
      recheckInspection: record.id,
    },
  });
}

/**
 * Codes 9–12: the draw's next alternate takes the business's place, through the draws module's own
 * adjustment (a reasoned, replayable event). Runs outside any transaction (the adjustment opens its
 * own); a failure (no alternate left) stays open with its reason for the department to see.
 */
export async function runAlternate(database: Database, followUpId: string, actor: Actor) {
  const followUp = await repo.findFollowUp(database.db, followUpId);
  if (followUp?.kind !== 'alternate' || followUp.status !== 'open') return followUp;
  const task = await database.db
    .selectFrom('inspection as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .select(['t.id', 't.code', 't.status', 't.draw_id'])
    .where('i.id', '=', followUp.inspection_id)
    .executeTakeFirstOrThrow();
  const done = await database.db
    .selectFrom('draw_adjustment')
    .select(['id', 'seq', 'new_task_id'])
    .where('task_id', '=', task.id)
    .where('kind', '=', 'replace_entity')
    .executeTakeFirst();
  let outcome: { outcome: string; detail: object } | null = null;
  if (done)
    outcome = {
      outcome: 'replaced',
      detail: { adjustment: done.id, seq: done.seq, newTask: done.new_task_id },
    };
  else if (task.status === 'cancelled' || !task.draw_id)
    outcome = { outcome: 'not_needed', detail: { taskStatus: task.status } };
  else {
    const code = followUp.cause ?? '';
    const reason = `检查结果为“${resultCode(code)?.zh ?? code}”（结果代码 ${code}），由备选对象替补（后续处置 ${followUp.code}）`;
    try {
      const adjusted = await adjustDraw(database, { actor, userId: actor.id, orgPath: '/' }, task.draw_id, {
        kind: 'replace_entity',
        taskId: task.id,
        reason,
      });
      outcome = {
        outcome: 'replaced',
        detail: { adjustment: adjusted.id, seq: adjusted.seq, newTask: adjusted.newTaskId },
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await repo.updateFollowUp(database.db, followUp.id, {
        detail: JSON.stringify({ error: error.message, errorEn: error.messageEn }),
      });
      return repo.findFollowUp(database.db, followUp.id);
    }
  }
  await database.transaction(async ({ db }) => {
    await repo.updateFollowUp(db, followUp.id, {
      status: 'closed',
      outcome: outcome.outcome,
      detail: JSON.stringify(outcome.detail),
      closed_at: new Date(),
    });
    await appendAudit(db, actor, {
      action: 'follow_up.closed',
      subjectType: 'follow_up',
      subjectId: followUp.id,
      orgId: followUp.to_org_id,
      after: { code: followUp.code, outcome: outcome.outcome, ...outcome.detail },
    });
  });
  return repo.findFollowUp(database.db, followUp.id);
}

/** A re-check task for the same team (the department's current members, in order) when an order expires. */
async function createRecheckTask(db: Kysely<DB>, followUp: repo.FollowUpRow) {
  const record = await db
    .selectFrom('inspection as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .select(['i.task_id', 'i.org_id', 'i.item_ids', 't.plan_id', 't.entity_id', 't.region_code', 't.code'])
    .where('i.id', '=', followUp.inspection_id)
    .executeTakeFirstOrThrow();
  const team = await repo.departmentTeam(db, record.task_id, record.org_id);
  const taskId = randomUUID();
  await db
    .insertInto('task')
    .values({
      id: taskId,
      draw_id: null,
      plan_id: record.plan_id,
      entity_id: record.entity_id,
      org_id: record.org_id,
      region_code: record.region_code,
      item_ids: record.item_ids,
      status: team.length ? 'assigned' : 'unassigned',
      status_reason: `复查：${record.code} 责令期限 ${followUp.order_due_on} 届满（${followUp.code}）${team.length ? '' : '；原检查组无在岗成员'}`,
    })
    .execute();
  if (team.length)
    await db
      .insertInto('task_member')
      .values(
        team.map((m, position) => ({
          task_id: taskId,
          inspector_id: m.inspector_id,
          org_id: m.org_id,
          position,
          added_by: followUp.id,
        })),
      )
      .execute();
  await repo.updateFollowUp(db, followUp.id, { status: 'rechecking', recheck_task_id: taskId });
  await appendAudit(db, SYSTEM_ACTOR, {
    action: 'follow_up.recheck_created',
    subjectType: 'follow_up',
    subjectId: followUp.id,
    orgId: followUp.to_org_id,
    after: { code: followUp.code, task: taskId, team: team.length, due: followUp.due_on },
  });
  return taskId;
}

export interface DailyReport {
  publicationReminders: number;
  publicationOverdue: number;
  rechecks: number;
  proposalsOpened: number;
  escalated: number;
  alternates: number;
}

/** The daily job (pg-boss schedule), with "today" given so tests can run any day. Idempotent. */
export async function runDaily(
  database: Database,
  today: string,
  settings: DeadlineSettings,
): Promise<DailyReport> {
  const report: DailyReport = {
    publicationReminders: 0,
    publicationOverdue: 0,
    rechecks: 0,
    proposalsOpened: 0,
    escalated: 0,
    alternates: 0,
  };
  // Publication: reminders from N working days before the deadline, and the overdue ones.
  const { rows: pending } = await sql<{ id: string; org_id: string; publishable_by: string }>`
    select id, org_id, publishable_by from inspection
    where status in ('submitted', 'returned', 'approved') and publishable_by is not null
      and publishable_by <= (${today}::date + 40)`.execute(database.db);
  for (const p of pending) {
    const kind =
      today > p.publishable_by
        ? 'publication_overdue'
        : publicationReminderDue(today, p.publishable_by, settings)
          ? 'publication_due'
          : null;
    if (!kind) continue;
    const inserted = await database.db
      .insertInto('deadline_reminder')
      .values({ kind, subject_id: p.id, org_id: p.org_id, due_on: p.publishable_by, raised_on: today })
      .onConflict((oc) => oc.columns(['kind', 'subject_id']).doNothing())
      .returning('subject_id')
      .execute();
    if (inserted.length) report[kind === 'publication_due' ? 'publicationReminders' : 'publicationOverdue']++;
  }

  for (const order of await repo.expiredOrders(database.db, today)) {
    const made = await database.transaction(async ({ db }) => {
      const current = await repo.lockFollowUp(db, order.id);
      if (current?.status !== 'open' || current.recheck_task_id) return false;
      await createRecheckTask(db, current);
      return true;
    });
    if (made) report.rechecks++;
  }

  for (const proposal of await repo.proposalsToOpen(database.db, today)) {
    await database.transaction(async ({ db }) => {
      await repo.updateFollowUp(db, proposal.id, { status: 'open' });
      await appendAudit(db, SYSTEM_ACTOR, {
        action: 'follow_up.opened',
        subjectType: 'follow_up',
        subjectId: proposal.id,
        orgId: proposal.to_org_id,
        after: { code: proposal.code, due: proposal.due_on },
      });
    });
    report.proposalsOpened++;
  }

  for (const late of await repo.overdueFollowUps(database.db, today)) {
    await database.transaction(async ({ db }) => {
      await repo.updateFollowUp(db, late.id, { escalated_at: new Date() });
      await appendAudit(db, SYSTEM_ACTOR, {
        action: 'follow_up.escalated',
        subjectType: 'follow_up',
        subjectId: late.id,
        orgId: late.to_org_id,
        after: {
          code: late.code,
          kind: late.kind,
          status: late.status,
          due: late.status === 'acknowledged' ? late.report_due_on : late.due_on,
          today,
        },
      });
    });
    report.escalated++;
  }

  for (const { id } of await repo.openAlternates(database.db)) {
    const after = await runAlternate(database, id, SYSTEM_ACTOR);
    if (after?.status === 'closed') report.alternates++;
  }
  return report;
}

// ---- the receiving department ----

async function receiving(db: Kysely<DB>, user: CurrentUser, id: string) {
  const followUp = await repo.lockFollowUp(db, id);
  if (!followUp) throw notFound('后续处置', 'Follow-up');
  const org = await findOrg(db, followUp.to_org_id);
  if (!org?.path.startsWith(user.orgPath)) throw forbidden();
  return followUp;
}

export async function acknowledge(database: Database, user: CurrentUser, id: string) {
  return database.transaction(async ({ db }) => {
    const f = await receiving(db, user, id);
    if (f.kind !== 'case_referral' && f.kind !== 'notify')
      throw conflict('只有移送和抄告需要签收', 'Only referrals and notifications are acknowledged');
    if (f.status !== 'open') throw conflict('该事项已签收', 'Already acknowledged');
    await repo.updateFollowUp(db, id, {
      status: 'acknowledged',
      acknowledged_at: new Date(),
      acknowledged_by: user.id,
    });
    await appendAudit(db, actorOf(user), {
      action: 'follow_up.acknowledged',
      subjectType: 'follow_up',
      subjectId: id,
      orgId: f.to_org_id,
      after: { code: f.code },
    });
  });
}

export async function reportBack(database: Database, user: CurrentUser, id: string, text: string) {
  const report = text.trim();
  if (!report) throw invalid('report', '请填写处理情况', 'Describe what was done');
  return database.transaction(async ({ db }) => {
    const f = await receiving(db, user, id);
    if (f.kind !== 'case_referral' && f.kind !== 'notify')
      throw conflict('只有移送和抄告需要反馈', 'Only referrals and notifications are reported back');
    if (f.status !== 'open' && f.status !== 'acknowledged') throw conflict('该事项已办结', 'Already closed');
    const now = new Date();
    await repo.updateFollowUp(db, id, {
      status: 'closed',
      outcome: 'reported',
      report,
      reported_at: now,
      reported_by: user.id,
      acknowledged_at: f.acknowledged_at ?? now,
      acknowledged_by: f.acknowledged_by ?? user.id,
      closed_at: now,
    });
    await appendAudit(db, actorOf(user), {
      action: 'follow_up.reported',
      subjectType: 'follow_up',
      subjectId: id,
      orgId: f.to_org_id,
      after: { code: f.code, report },
    });
  });
}

/** A dept_admin decides a 经营异常名录 proposal: list the business (recorded on it) or not, with a reason. */
export async function decideProposal(
  database: Database,
  user: CurrentUser,
  id: string,
  input: { decision: 'list' | 'dismiss'; reason?: string; listedOn?: string },
  today: string,
) {
  return database
    .transaction(async ({ db }) => {
      const f = await receiving(db, user, id);
      if (f.kind !== 'abnormal_list_proposal')
        throw conflict('这不是列入经营异常名录的提议', 'Not a list proposal');
      if (f.status === 'waiting')
        throw conflict(
          `责令公示期限（${f.order_due_on}）尚未届满，届满后方可决定`,
          `The order to publish runs until ${f.order_due_on}: decide after it expires`,
        );
      if (f.status !== 'open') throw conflict('该提议已决定', 'Already decided');
      const reason = input.reason?.trim() ?? '';
      let entryId: string | null = null;
      if (input.decision === 'list') {
        entryId = await addListEntry(
          db,
          actorOf(user),
          {
            entityId: f.entity_id,
            cause: f.cause!,
            orgId: f.to_org_id,
            listedOn: input.listedOn ?? today,
            followUpId: f.id,
            inspectionId: f.inspection_id,
          },
          today,
        );
      } else if (!reason) throw invalid('reason', '不予列入时请说明理由', 'Give the reason for not listing');
      await repo.updateFollowUp(db, id, {
        status: 'closed',
        outcome: input.decision === 'list' ? 'listed' : 'not_listed',
        decided_at: new Date(),
        decided_by: user.id,
        decision_note: reason || null,
        closed_at: new Date(),
        detail: entryId ? JSON.stringify({ entry: entryId }) : null,
      });
      await appendAudit(db, actorOf(user), {
        action: 'follow_up.decided',
        subjectType: 'follow_up',
        subjectId: id,
        orgId: f.to_org_id,
        after: { code: f.code, decision: input.decision, reason, entry: entryId },
      });
      return { entityId: f.entity_id, entryId };
    })
    .then(async (decided) => {
      if (decided.entryId) await rescore(database, [decided.entityId], 'list');
      return { entryId: decided.entryId };
    });
}

export async function retryAlternate(database: Database, user: CurrentUser, id: string) {
  await database.transaction(async ({ db }) => {
    const f = await receiving(db, user, id);
    if (f.kind !== 'alternate' || f.status !== 'open') throw conflict('无需重试', 'Nothing to retry');
  });
  return runAlternate(database, id, actorOf(user));
}

export async function removeEntry(
  database: Database,
  user: CurrentUser,
  entryId: string,
  input: { removedOn: string; reason: string },
  today: string,
) {
  const entityId = await database.transaction(async ({ db }) => {
    const entry = await db
      .selectFrom('entity_list_entry')
      .select(['org_id', 'entity_id'])
      .where('id', '=', entryId)
      .executeTakeFirst();
    if (!entry) throw notFound('名录记录', 'List entry');
    const org = await findOrg(db, entry.org_id);
    if (!org?.path.startsWith(user.orgPath)) throw forbidden();
    await removeListEntry(db, actorOf(user), entryId, input, today);
    return entry.entity_id;
  });
  await rescore(database, [entityId], 'list');
}

/** A follow-up as the inbox shows it, with where each deadline stands today and what the user may do. */
export function followUpView(row: repo.FollowUpListRow, user: CurrentUser, today: string, receiver: boolean) {
  const open = row.status !== 'closed' && row.status !== 'withdrawn';
  const current =
    row.status === 'acknowledged' ? row.report_due_on : row.status === 'waiting' ? row.starts_on : row.due_on;
  const referral = row.kind === 'case_referral' || row.kind === 'notify';
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    status: row.status,
    outcome: row.outcome,
    cause: row.cause,
    note: row.note,
    entity: { id: row.entity_id, name: row.entity_name, identifier: row.identifier },
    from: { id: row.from_org_id, name: row.from_org_name },
    to: { id: row.to_org_id, name: row.to_org_name },
    inspectionId: row.inspection_id,
    taskCode: row.task_code,
    recheckTask: row.recheck_task_id ? { id: row.recheck_task_id, code: row.recheck_task_code } : null,
    startsOn: row.starts_on,
    orderDueOn: row.order_due_on,
    dueOn: row.due_on,
    reportDueOn: row.report_due_on,
    deadline: open && current ? deadlineState(today, current) : null,
    acknowledgedAt: row.acknowledged_at,
    report: row.report,
    reportedAt: row.reported_at,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    escalatedAt: row.escalated_at,
    detail: row.detail,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    can: {
      acknowledge: receiver && referral && row.status === 'open' && user.role !== 'coordinator',
      report:
        receiver &&
        referral &&
        (row.status === 'open' || row.status === 'acknowledged') &&
        user.role !== 'coordinator',
      decide:
        receiver &&
        row.kind === 'abnormal_list_proposal' &&
        row.status === 'open' &&
        user.role === 'dept_admin',
      retry: receiver && row.kind === 'alternate' && row.status === 'open' && user.role !== 'reviewer',
    },
  };
}

export async function listForUser(
  database: Database,
  user: CurrentUser,
  filter: Omit<Parameters<typeof repo.listFollowUps>[1], 'orgPath'>,
  today: string,
) {
  const { rows, total } = await repo.listFollowUps(database.db, { ...filter, orgPath: user.orgPath });
  const paths = await orgPaths(
    database.db,
    rows.map((r) => r.to_org_id),
  );
  return {
    total,
    rows: rows.map((r) =>
      followUpView(r, user, today, (paths.get(r.to_org_id) ?? '').startsWith(user.orgPath)),
    ),
  };
}

export async function getForUser(database: Database, user: CurrentUser, id: string, today: string) {
  const row = await repo.followUpListRow(database.db, id);
  if (!row) throw notFound('后续处置', 'Follow-up');
  const paths = await orgPaths(database.db, [row.to_org_id, row.from_org_id]);
  const receiver = (paths.get(row.to_org_id) ?? '').startsWith(user.orgPath);
  if (!receiver && !(paths.get(row.from_org_id) ?? '').startsWith(user.orgPath)) throw forbidden();
  return followUpView(row, user, today, receiver);
}

async function orgPaths(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
