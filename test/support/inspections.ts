// Tasks to inspect for integration and browser tests: an item with a published checklist, a plan drawn
// through the API, and sign-in accounts for the drawn team (lead first), a reviewer and the business.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ChecklistContent } from '../../src/core/checklist/content.ts';
import type { Database } from '../../src/db/connection.ts';
import type { Role } from '../../src/db/schema.ts';
import type { Agent, TestApp } from './app.ts';
import { drawn, insertItem, NANSHAN_SAMR, orgId, planBody, publishedPlan } from './draws.ts';

export const CHECKLIST: ChecklistContent = {
  mains: [
    {
      title: '主体资格',
      subs: [
        {
          title: '营业执照',
          contents: [
            { text: '是否在经营场所醒目位置悬挂营业执照', method: '现场检查', compliant: '已悬挂且信息一致' },
            { text: '实际经营地址与登记住所是否一致', method: '现场检查', compliant: '一致' },
          ],
        },
      ],
    },
    {
      title: '信息公示',
      subs: [
        {
          title: '年度报告',
          contents: [{ text: '是否按时公示年度报告', method: '查阅资料', compliant: '已按时公示' }],
        },
      ],
    },
  ],
};

/** An item with a published checklist (version 1), owned by a department. */
export async function checklistItem(
  database: Database,
  org: string,
  code: string,
  name: string,
  content: ChecklistContent = CHECKLIST,
) {
  const itemId = await insertItem(database, { code, name, orgId: org, itemType: 'key' });
  const { rows } = await sql<{ id: string }>`
    insert into checklist (item_id, version, status, content, published_at)
    values (${itemId}, 1, 'published', ${JSON.stringify(content)}::jsonb, now()) returning id`.execute(
    database.db,
  );
  return { itemId, checklistId: rows[0].id };
}

/** A sign-in account for a role, optionally tied to an inspector or a business. */
export async function account(
  t: TestApp,
  role: Role,
  org: string,
  link: { inspectorId?: string; entityId?: string } = {},
): Promise<Agent> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const { password_hash } = await t.database.db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('app_user')
    .values({
      username,
      display_name: username,
      role,
      org_id: org,
      inspector_id: link.inspectorId ?? null,
      entity_id: link.entityId ?? null,
      password_hash,
    })
    .execute();
  // Many accounts sign in within a minute: each from its own address, past the per-address limit.
  return t.login(username, undefined, `10.0.${Math.floor(++signIns / 250)}.${signIns % 250}`);
}

let signIns = 0;

export interface DrawnTask {
  taskId: string;
  drawId: string;
  entityId: string;
  /** The team's sign-in accounts, lead first (a joint task: the lead department's team first). */
  team: Agent[];
  teamOrgs: string[];
}

let planCount = 0;

/**
 * Draws a plan over Nanshan with the given items and returns `count` assigned tasks with accounts for
 * their teams. Joint plans pass cooperating departments.
 */
export async function drawnTasks(
  t: TestApp,
  items: { itemId: string; orgId?: string }[],
  options: { count?: number; cooperating?: string[] } = {},
): Promise<DrawnTask[]> {
  const dept = await t.login('dept_admin');
  const samr = await orgId(t.database, NANSHAN_SAMR);
  const plan = await publishedPlan(
    dept,
    planBody(samr, {
      name: `检查测试计划 ${++planCount}`,
      kind: options.cooperating?.length ? 'joint' : 'single',
      cooperatingOrgIds: options.cooperating ?? [],
      ratios: { A: 0, B: 300, C: 1500, D: 5000 },
      alternatesBp: 10_000,
      items,
    }),
  );
  const draw = await drawn(dept, plan, [
    [planCount, 3, 5],
    [2, 7, 1, 8, 2],
  ]);
  const tasks = await t.database.db
    .selectFrom('task')
    .select(['id', 'entity_id'])
    .where('draw_id', '=', draw.id)
    .where('status', '=', 'assigned')
    .orderBy('code')
    .limit(options.count ?? 1)
    .execute();
  const result: DrawnTask[] = [];
  for (const task of tasks) {
    const members = await t.database.db
      .selectFrom('task_member')
      .innerJoin('inspector', 'inspector.id', 'task_member.inspector_id')
      .select(['task_member.inspector_id', 'task_member.org_id'])
      .where('task_id', '=', task.id)
      .where('removed_by', 'is', null)
      .orderBy('position')
      .execute();
    const team: Agent[] = [];
    for (const m of members) team.push(await accountFor(t, m.inspector_id, m.org_id));
    result.push({
      taskId: task.id,
      drawId: draw.id,
      entityId: task.entity_id,
      team,
      teamOrgs: members.map((m) => m.org_id),
    });
  }
  return result;
}

const accounts = new Map<string, Agent>();

/** One account per inspector across a test file (an inspector may be on several teams). */
async function accountFor(t: TestApp, inspectorId: string, org: string) {
  const key = `${t.dataDir}/${inspectorId}`;
  if (!accounts.has(key)) accounts.set(key, await account(t, 'inspector', org, { inspectorId }));
  return accounts.get(key)!;
}

/** Changes marking every content of the view's checklists (ids are fresh idempotency keys). */
export function markAll(
  view: { checklists: { id: string; content: ChecklistContent }[] },
  result: 'compliant' | 'not' | 'na' = 'compliant',
) {
  return view.checklists.flatMap((c) =>
    c.content.mains.flatMap((main, m) =>
      main.subs.flatMap((sub, s) =>
        sub.contents.map((_, i) => ({
          id: randomUUID(),
          kind: 'finding',
          checklistId: c.id,
          contentNo: `${m + 1}.${s + 1}.${i + 1}`,
          result,
          note: '',
        })),
      ),
    ),
  );
}

export const field = (name: string, value: unknown) => ({
  id: randomUUID(),
  kind: 'field',
  field: name,
  value,
});

/** Sends changes as a device would, failing loudly on an HTTP error. */
export async function sync(agent: Agent, taskId: string, baseVersion: number, changes: object[]) {
  const res = await agent.request('POST', `/api/tasks/${taskId}/inspection/changes`, {
    baseVersion,
    changes,
  });
  if (res.status !== 200) throw new Error(`sync: ${res.status} ${res.body}`);
  return res.json();
}

/** A complete clean record, ended on a given day (Asia/Shanghai), ready for the lead to submit. */
export async function cleanRecord(
  agent: Agent,
  taskId: string,
  endedAt = '2026-09-29T10:00:00+08:00',
  codes = ['1'],
) {
  const view = await agent.get(`/api/tasks/${taskId}/inspection`);
  return sync(agent, taskId, view.record?.version ?? 0, [
    ...markAll(view),
    field('method', 'onsite'),
    field('start', { at: '2026-09-29T09:00:00+08:00', location: { lat: 22.53, lng: 113.93, accuracy: 12 } }),
    field('end', { at: endedAt, location: null }),
    field('codes', codes),
    field('disposition', 'none'),
  ]);
}

/** A multipart body for evidence uploads (fields first, then files). */
export function multipart(
  fields: Record<string, string>,
  files: { name: string; fileName: string; type: string; data: Buffer }[],
) {
  const boundary = `----tianping${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A valid 1×1 PNG (tests need real image bytes, not just the type). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
