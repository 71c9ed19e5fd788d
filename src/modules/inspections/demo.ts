// The demo city's inspections: some of the demo draw's tasks inspected through the real services —
// approved ones (mostly 未发现问题, some problems with their dispositions), a few waiting for review, a
// returned one, a draft in progress — with follow-ups (a re-check, a 移送, a 抄告, a 经营异常名录
// proposal), so every page has content on the first start. Team members act through accounts of their
// own (every inspector would have one); the demo business account is moved to an inspected business.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { addDays } from '../../core/calendar/workdays.ts';
import { numberedContents } from '../../core/checklist/content.ts';
import { chinaDate } from '../../core/inspections/rules.ts';
import type { Database } from '../../db/connection.ts';
import type { CurrentUser } from '../auth/access.ts';
import { actingUser } from '../draws/demo.ts';
import { runDaily } from '../followups/service.ts';
import {
  applyChanges,
  approve,
  type ChangeInput,
  publish,
  returnRecord,
  submit,
  taskViewForMember,
} from './service.ts';
import { deadlineSettings } from './settings.ts';

interface Plan {
  codes: string[];
  disposition: string;
  /** Stop here. */
  stage: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
  extra?: Record<string, unknown>;
  /** Calendar days ago the inspection ended. */
  daysAgo: number;
  note?: string;
}

const DAY = 86_400_000;

async function asUser(database: Database, username: string): Promise<CurrentUser> {
  const user = await actingUser(database, username);
  const row = await database.db
    .selectFrom('app_user')
    .select(['inspector_id', 'entity_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { ...user!, inspectorId: row.inspector_id, entityId: row.entity_id };
}

/** The account of an inspector, created once (username = certificate number), with the demo password. */
async function inspectorAccount(database: Database, inspectorId: string, passwordHash: string) {
  const existing = await database.db
    .selectFrom('app_user')
    .select('username')
    .where('inspector_id', '=', inspectorId)
    .executeTakeFirst();
  if (existing) return asUser(database, existing.username);
  const inspector = await database.db
    .selectFrom('inspector')
    .select(['name', 'cert_no', 'org_id'])
    .where('id', '=', inspectorId)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('app_user')
    .values({
      username: inspector.cert_no.toLowerCase(),
      display_name: inspector.name,
      role: 'inspector',
      org_id: inspector.org_id,
      inspector_id: inspectorId,
      password_hash: passwordHash,
    })
    .execute();
  return asUser(database, inspector.cert_no.toLowerCase());
}

const change = (field: string, value: unknown, at: Date): ChangeInput => ({
  id: randomUUID(),
  kind: 'field',
  field,
  value,
  at: at.toISOString(),
});

/**
 * The demo `inspector` account becomes the inspector who leads the most tasks of the demo draw (the
 * draw is random, so whoever the account started as may have none), so that signing in as it shows
 * a day's work.
 */
async function giveDemoInspectorTheBusiestTeamPlace(database: Database) {
  const { rows } = await sql<{ id: string; name: string }>`
    select i.id, i.name from task_member m
    join inspector i on i.id = m.inspector_id
    join task t on t.id = m.task_id
    join org o on o.id = t.org_id
    where m.removed_by is null and t.status = 'assigned' and o.code = '440305-SAMR'
    group by i.id, i.name
    order by count(*) filter (where m.position = 0) desc, count(*) desc, i.id
    limit 1`.execute(database.db);
  if (!rows[0]) return;
  await database.db
    .updateTable('app_user')
    .set({ inspector_id: rows[0].id, display_name: rows[0].name })
    .where('username', '=', 'inspector')
    .execute();
}

/** Inspects the demo draw's tasks; returns how many records were made. */
export async function loadDemoInspections(database: Database): Promise<number> {
  await giveDemoInspectorTheBusiestTeamPlace(database);
  const reviewer = await actingUser(database, 'reviewer');
  const demoInspector = await database.db
    .selectFrom('app_user')
    .select(['inspector_id', 'password_hash'])
    .where('username', '=', 'inspector')
    .executeTakeFirst();
  if (!reviewer || !demoInspector?.inspector_id) return 0;
  const { rows: tasks } = await sql<{ id: string; lead: string; mine: boolean; led: boolean }>`
    select t.id,
      (select m.inspector_id from task_member m where m.task_id = t.id and m.removed_by is null
        order by m.position limit 1) as lead,
      exists (select 1 from task_member m where m.task_id = t.id and m.inspector_id = ${demoInspector.inspector_id}
        and m.removed_by is null) as mine,
      exists (select 1 from task_member m where m.task_id = t.id and m.inspector_id = ${demoInspector.inspector_id}
        and m.position = 0) as led
    from task t join draw d on d.id = t.draw_id
    where t.status = 'assigned' and d.status = 'completed'
    order by t.code`.execute(database.db);
  const led = tasks.filter((t) => t.led);
  const joined = tasks.filter((t) => t.mine && !t.led);
  const others = tasks.filter((t) => !t.mine);
  const today = chinaDate(new Date());
  const order = addDays(today, 14);
  const dept = await database.db
    .selectFrom('org')
    .select(['id', 'code'])
    .where('code', 'in', ['440305-HEALTH', '440305-SAMR'])
    .execute();
  const healthId = dept.find((o) => o.code === '440305-HEALTH')?.id;
  const samrId = dept.find((o) => o.code === '440305-SAMR')?.id;

  const clean = (stage: Plan['stage'], daysAgo: number): Plan => ({
    codes: ['1'],
    disposition: 'none',
    stage,
    daysAgo,
  });
  const assignments: [(typeof tasks)[number] | undefined, Plan][] = [
    [led[0], { ...clean('draft', 0), note: '现场检查进行中' }],
    [led[1], { ...clean('returned', 3) }],
    [joined[0], clean('submitted', 2)],
    [joined[1], clean('approved', 9)],
    [others[0], clean('approved', 30)],
    [others[1], clean('approved', 26)],
    [others[2], clean('published', 40)],
    [others[3], clean('approved', 12)],
    [others[4], clean('approved', 5)],
    [
      others[5],
      {
        codes: ['D'],
        disposition: 'order_correct',
        stage: 'approved',
        daysAgo: 6,
        extra: { correctionDueOn: order },
        note: '未在经营场所醒目位置悬挂营业执照，已当场责令改正',
      },
    ],
    [
      others[6],
      {
        codes: ['5'],
        disposition: 'notify_other',
        stage: 'approved',
        daysAgo: 8,
        extra: { followUpOrgId: healthId },
        note: '从业人员未持有效健康证明，抄告卫生健康部门',
      },
    ],
    [
      others[7],
      {
        codes: ['D'],
        disposition: 'case_referral',
        stage: 'approved',
        daysAgo: 10,
        extra: { followUpOrgId: samrId },
        note: '涉嫌无照经营部分项目，移送办案机构',
      },
    ],
    [
      others[8],
      { codes: ['6'], disposition: 'stop_feedback', stage: 'approved', daysAgo: 4, note: '登记住所无法联系' },
    ],
    [others[9], clean('submitted', 1)],
    [
      others[10],
      { codes: ['E'], disposition: 'none', stage: 'submitted', daysAgo: 2, note: '现场发现问题已当场改正' },
    ],
  ];

  let made = 0;
  let businessEntity: string | null = null;
  for (const [task, plan] of assignments) {
    if (!task) continue;
    const lead = await inspectorAccount(database, task.lead, demoInspector.password_hash);
    const view = await taskViewForMember(database, lead, task.id);
    const ended = new Date(Date.now() - plan.daysAgo * DAY);
    const started = new Date(ended.getTime() - 90 * 60_000);
    const findings: ChangeInput[] = view.checklists.flatMap((c) =>
      numberedContents(c.content).map((n, i) => ({
        id: randomUUID(),
        kind: 'finding' as const,
        checklistId: c.id,
        contentNo: n.number,
        result: plan.codes.includes('1') || i > 0 ? 'compliant' : 'not',
        note: plan.codes.includes('1') || i > 0 ? '' : (plan.note ?? ''),
        at: started.toISOString(),
      })),
    );
    const changes: ChangeInput[] =
      plan.stage === 'draft'
        ? [
            change('method', 'onsite', started),
            change('plannedOn', today, started),
            change(
              'notice',
              { at: started.toISOString(), channel: 'phone', note: '电话告知负责人' },
              started,
            ),
            change('start', { at: started.toISOString(), location: null }, started),
            ...findings.slice(0, Math.ceil(findings.length / 2)),
          ]
        : [
            change('method', 'onsite', started),
            change('start', { at: started.toISOString(), location: null }, started),
            change('end', { at: ended.toISOString(), location: null }, ended),
            ...findings,
            change('codes', plan.codes, ended),
            change('disposition', plan.disposition, ended),
            ...Object.entries(plan.extra ?? {}).map(([k, v]) => change(k, v, ended)),
            change('summary', plan.note ?? '检查未发现问题', ended),
          ];
    const synced = await applyChanges(database, lead, task.id, {
      baseVersion: 0,
      checklistIds: view.checklists.map((c) => c.id),
      changes,
    });
    made++;
    if (plan.stage === 'draft') continue;
    const submitted = await submit(database, lead, task.id, synced.record.version);
    if (plan.stage === 'submitted') continue;
    if (plan.stage === 'returned') {
      await returnRecord(
        database,
        reviewer,
        submitted.id,
        submitted.version,
        '现场照片缺失，请补充营业执照和经营场所照片后重新提交',
      );
      continue;
    }
    await approve(database, reviewer, submitted.id, submitted.version);
    if (plan.stage === 'published') await publish(database, reviewer, [submitted.id]);
    if (plan.codes.includes('D') && plan.disposition === 'order_correct') businessEntity = view.entity.id;
  }
  // The demo business account shows a business with an inspection result (and an order to correct).
  if (businessEntity) {
    const entity = await database.db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('id', '=', businessEntity)
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('app_user')
      .set({ entity_id: entity.id, display_name: entity.name })
      .where('username', '=', 'business')
      .execute();
  }
  await runDaily(database, today, await deadlineSettings(database.db));
  return made;
}
