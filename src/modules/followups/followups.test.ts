import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { NANSHAN_SAMR, orgId } from '../../../test/support/draws.ts';
import {
  account,
  checklistItem,
  cleanRecord,
  type DrawnTask,
  drawnTasks,
  field,
  sync,
} from '../../../test/support/inspections.ts';
import { verifyChain } from '../audit/repo.ts';
import { deadlineSettings } from '../inspections/settings.ts';
import { runDaily } from './service.ts';

let t: TestApp;
let samr: string;
let reviewer: Agent;
let dept: Agent;
let tasks: DrawnTask[];
beforeAll(async () => {
  t = await testApp({ inspectors: 400 });
  samr = await orgId(t.database, NANSHAN_SAMR);
  const { itemId } = await checklistItem(t.database, samr, 'FU-1', '后续处置测试事项');
  tasks = await drawnTasks(t, [{ itemId }], { count: 8 });
  reviewer = await t.login('reviewer');
  dept = await t.login('dept_admin');
});
afterAll(() => t?.close());

const daily = async (today: string) => runDaily(t.database, today, await deadlineSettings(t.database.db));

/** Records, submits and approves a result on a task; returns the approved record. */
async function approvedWith(task: DrawnTask, codes: string[], extra: object[] = []) {
  const [lead] = task.team;
  const synced = await cleanRecord(lead, task.taskId, '2026-09-29T10:00:00+08:00', codes);
  const withExtra = extra.length ? await sync(lead, task.taskId, synced.record.version, extra) : synced;
  expect(withExtra.rejected).toEqual([]);
  const submitted = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
    version: withExtra.record.version,
  });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.body}`);
  const approved = await reviewer.request('POST', `/api/inspections/${submitted.json().id}/approve`, {
    version: submitted.json().version,
  });
  if (approved.status !== 200) throw new Error(`approve: ${approved.body}`);
  return approved.json().record;
}

const followUp = (id: string) =>
  t.database.db.selectFrom('follow_up').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('an order to correct', () => {
  it('creates a re-check task for the same team when the deadline passes, and the re-check closes it', async () => {
    const task = tasks[0];
    const record = await approvedWith(
      task,
      ['D'],
      [field('disposition', 'order_correct'), field('correctionDueOn', '2026-10-16')],
    );
    const [order] = record.followUps;
    // Five working days after Friday 16 October: 19–23 October.
    expect(order).toMatchObject({
      kind: 'recheck',
      status: 'open',
      orderDueOn: '2026-10-16',
      dueOn: '2026-10-23',
    });

    expect((await daily('2026-10-16')).rechecks).toBe(0);
    expect((await daily('2026-10-17')).rechecks).toBe(1);
    expect((await daily('2026-10-18')).rechecks).toBe(0);
    const row = await followUp(order.id);
    expect(row.status).toBe('rechecking');
    const team = (taskId: string) =>
      t.database.db
        .selectFrom('task_member')
        .select('inspector_id')
        .where('task_id', '=', taskId)
        .where('removed_by', 'is', null)
        .orderBy('position')
        .execute();
    expect(await team(row.recheck_task_id!)).toEqual(await team(task.taskId));

    const [lead] = task.team;
    const mine = await lead.get('/api/my/tasks');
    expect(mine.rows.find((r: { taskId: string }) => r.taskId === row.recheck_task_id)).toMatchObject({
      recheck: true,
      deadline: expect.objectContaining({ due: '2026-10-23' }),
    });
    const recheck = { ...task, taskId: row.recheck_task_id! };
    await approvedWith(recheck, ['E']);
    expect(await followUp(order.id)).toMatchObject({
      status: 'closed',
      outcome: 'corrected',
      escalated_at: null,
    });
  });

  it('escalates when the re-check finds the problem still there', async () => {
    const task = tasks[1];
    const record = await approvedWith(
      task,
      ['D'],
      [field('disposition', 'order_correct'), field('correctionDueOn', '2026-10-16')],
    );
    await daily('2026-10-19');
    const row = await followUp(record.followUps[0].id);
    await approvedWith(
      { ...task, taskId: row.recheck_task_id! },
      ['D'],
      [field('disposition', 'order_correct'), field('correctionDueOn', '2026-11-16')],
    );
    const closed = await followUp(row.id);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'not_corrected' });
    expect(closed.escalated_at).not.toBeNull();
    const coordinator = await t.login('coordinator');
    const escalated = await coordinator.get('/api/follow-ups?box=escalated');
    expect(escalated.rows.map((r: { id: string }) => r.id)).toContain(row.id);
  });
});

describe('移送 and 抄告', () => {
  it('lands in the receiving department’s inbox, is acknowledged and reported back', async () => {
    const health = await orgId(t.database, '440305-HEALTH');
    const record = await approvedWith(
      tasks[2],
      ['5'],
      [field('disposition', 'notify_other'), field('followUpOrgId', health)],
    );
    const [notice] = record.followUps;
    expect(notice).toMatchObject({
      kind: 'notify',
      status: 'open',
      toOrgName: expect.stringContaining('卫健'),
    });
    const healthAdmin = await account(t, 'dept_admin', health);
    const inbox = await healthAdmin.get('/api/follow-ups?box=inbox');
    expect(inbox.rows.find((r: { id: string }) => r.id === notice.id)).toMatchObject({
      from: expect.objectContaining({ id: samr }),
      can: { acknowledge: true, report: true, decide: false, retry: false },
    });
    // The sending department tracks it but cannot act for the receiver.
    expect((await dept.request('POST', `/api/follow-ups/${notice.id}/acknowledge`)).status).toBe(403);
    expect((await dept.get('/api/follow-ups?box=sent')).rows.map((r: { id: string }) => r.id)).toContain(
      notice.id,
    );

    const acknowledged = await healthAdmin.request('POST', `/api/follow-ups/${notice.id}/acknowledge`);
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    const reported = await healthAdmin.request('POST', `/api/follow-ups/${notice.id}/report`, {
      report: '已立案调查，责令限期整改',
    });
    expect(reported.json()).toMatchObject({
      status: 'closed',
      outcome: 'reported',
      report: '已立案调查，责令限期整改',
    });
  });

  it('escalates a referral nobody acknowledged to the coordinator', async () => {
    const police = await orgId(t.database, '440305-POLICE');
    const record = await approvedWith(
      tasks[3],
      ['G'],
      [field('disposition', 'case_referral'), field('followUpOrgId', police)],
    );
    const [referral] = record.followUps;
    const { due_on } = await followUp(referral.id);
    await daily(due_on!);
    expect((await followUp(referral.id)).escalated_at).toBeNull();
    const next = new Date(Date.parse(`${due_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await daily(next);
    expect((await followUp(referral.id)).escalated_at).not.toBeNull();
    const coordinator = await t.login('coordinator');
    const escalated = await coordinator.get('/api/follow-ups?box=escalated');
    expect(escalated.rows.find((r: { id: string }) => r.id === referral.id)).toMatchObject({
      kind: 'case_referral',
      status: 'open',
      escalatedAt: expect.any(String),
    });
  });
});

describe('经营异常名录', () => {
  it('proposes listing for C, a dept_admin lists the business, and later removes it, recorded on the business', async () => {
    const task = tasks[4];
    const record = await approvedWith(task, ['C'], [field('disposition', 'stop_feedback')]);
    const [proposal] = record.followUps;
    // Ten working days from the verification on 29 September: 30 September, 8–10 October (Saturday 10
    // worked), 12–16 and 19 October.
    expect(proposal).toMatchObject({
      kind: 'abnormal_list_proposal',
      cause: 'C',
      status: 'open',
      dueOn: '2026-10-19',
    });
    expect(
      (await reviewer.request('POST', `/api/follow-ups/${proposal.id}/decide`, { decision: 'list' })).status,
    ).toBe(403);
    const decided = await dept.request('POST', `/api/follow-ups/${proposal.id}/decide`, {
      decision: 'list',
      listedOn: '2026-10-12',
    });
    expect(decided.json()).toMatchObject({ status: 'closed', outcome: 'listed' });
    const entity = () =>
      t.database.db
        .selectFrom('entity')
        .select('abnormal_listed')
        .where('id', '=', task.entityId)
        .executeTakeFirstOrThrow();
    expect((await entity()).abnormal_listed).toBe(true);
    const [entry] = await dept.get(`/api/entities/${task.entityId}/list-entries`);
    expect(entry).toMatchObject({ cause: 'C', listed_on: '2026-10-12', removed_on: null });

    const removed = await dept.request('POST', `/api/list-entries/${entry.id}/remove`, {
      removedOn: '2026-11-20',
      reason: '已更正公示信息并申请移出',
    });
    expect(removed.status).toBe(200);
    expect((await entity()).abnormal_listed).toBe(false);
    const [after] = await dept.get(`/api/entities/${task.entityId}/list-entries`);
    expect(after).toMatchObject({ removed_on: '2026-11-20', removal_reason: '已更正公示信息并申请移出' });
    const actions = (
      await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', task.entityId)
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['entity.listed', 'entity.list_removed']);

    // Each step is also a credit event, and the business was re-scored after each.
    const events = await t.database.db
      .selectFrom('credit_event')
      .select(['kind', 'subject', 'source'])
      .where('entity_id', '=', task.entityId)
      .where('source', 'in', ['inspection', 'list'])
      .orderBy('created_at')
      .execute();
    expect(events).toEqual([
      { kind: 'inspection_result', subject: 'A,C', source: 'inspection' },
      { kind: 'abnormal_list_in', subject: 'C', source: 'list' },
      { kind: 'abnormal_list_out', subject: 'C', source: 'list' },
    ]);
    const rescores = await t.database.db
      .selectFrom('credit_run')
      .select('trigger')
      .where('kind', '=', 'incremental')
      .where('entity_id', '=', task.entityId)
      .orderBy('seq')
      .execute();
    expect(rescores.map((r) => r.trigger)).toEqual(['inspection', 'list', 'list']);

    // The business's page shows it all.
    const history = await dept.get(`/api/entities/${task.entityId}/history`);
    expect(history.inspections[0]).toMatchObject({ status: 'assigned', inspectionStatuses: ['approved'] });
    expect(history.results[0].codes.map((c: { code: string }) => c.code)).toEqual(['A', 'C']);
    expect(history.lists).toEqual([
      expect.objectContaining({ list: 'abnormal', listedOn: '2026-10-12', removedOn: '2026-11-20' }),
    ]);
    expect(history.creditClasses.length).toBeGreaterThanOrEqual(3);
  });

  it('lets B wait for the order to publish to expire, and withdraws the proposal when the re-check finds it published', async () => {
    const task = tasks[5];
    const record = await approvedWith(
      task,
      ['B'],
      [field('disposition', 'order_correct'), field('correctionDueOn', '2026-10-16')],
    );
    const proposal = record.followUps.find((f: { kind: string }) => f.kind === 'abnormal_list_proposal');
    expect(proposal).toMatchObject({ cause: 'B', status: 'waiting', dueOn: '2026-10-30' });
    const early = await dept.request('POST', `/api/follow-ups/${proposal.id}/decide`, { decision: 'list' });
    expect(early.status).toBe(409);
    const report = await daily('2026-10-17');
    expect(report).toMatchObject({ rechecks: 1, proposalsOpened: 1 });
    expect((await followUp(proposal.id)).status).toBe('open');
    const order = record.followUps.find((f: { kind: string }) => f.kind === 'recheck');
    await approvedWith({ ...task, taskId: (await followUp(order.id)).recheck_task_id! }, ['E']);
    expect(await followUp(proposal.id)).toMatchObject({ status: 'withdrawn', outcome: 'complied' });
  });
});

describe('codes 9–12', () => {
  it('puts the draw’s next alternate in place through the draws adjustment, with the reason', async () => {
    const task = tasks[6];
    const record = await approvedWith(task, ['9']);
    const [alternate] = record.followUps;
    expect(alternate).toMatchObject({ kind: 'alternate', status: 'closed', outcome: 'replaced' });
    const adjustment = await t.database.db
      .selectFrom('draw_adjustment')
      .selectAll()
      .where('task_id', '=', task.taskId)
      .executeTakeFirstOrThrow();
    expect(adjustment).toMatchObject({ kind: 'replace_entity', draw_id: task.drawId });
    expect(adjustment.reason).toContain('已注销');
    const tasksNow = await t.database.db
      .selectFrom('task')
      .select(['id', 'status', 'entity_id'])
      .where('id', 'in', [task.taskId, adjustment.new_task_id!])
      .execute();
    expect(tasksNow.find((x) => x.id === task.taskId)?.status).toBe('cancelled');
    expect(tasksNow.find((x) => x.id === adjustment.new_task_id)?.entity_id).not.toBe(task.entityId);
    const { adjustments } = (await t.app.inject({ url: `/api/public/draws/${task.drawId}` })).json();
    expect(adjustments.map((a: { reason: string }) => a.reason)).toEqual([adjustment.reason]);
  });
});

describe('the daily job', () => {
  it('reminds five working days before the publication deadline and marks it overdue after, once each', async () => {
    const record = await approvedWith(tasks[7], ['1']);
    expect(record.publishableBy).toBe('2026-11-02');
    const reminders = () =>
      t.database.db
        .selectFrom('deadline_reminder')
        .select('kind')
        .where('subject_id', '=', record.id)
        .execute();
    await daily('2026-10-23'); // six working days before
    expect(await reminders()).toEqual([]);
    await daily('2026-10-26'); // five
    await daily('2026-10-27');
    expect(await reminders()).toEqual([{ kind: 'publication_due' }]);
    await daily('2026-11-03');
    expect((await reminders()).map((r) => r.kind).sort()).toEqual(['publication_due', 'publication_overdue']);
    const due = await reviewer.get('/api/inspections/due');
    expect(due.rows.find((r: { id: string }) => r.id === record.id)).toMatchObject({ reminded: true });
    expect((await verifyChain(t.database.db)).problems).toEqual([]);
  });
});
