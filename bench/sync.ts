// Syncing an inspection's changes from a phone: a queue of N check-content marks sent as one batch
// after a stretch offline, against the same N sent one request each (what an always-online page would
// do), and a whole batch sent again (a retry after a lost answer: every change is a duplicate). Through
// the service (transaction, merge, history, audit), on PostgreSQL and on PGlite.
//
//   node bench/sync.ts [--sizes 50,200,1000] [--runs 3]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/db/connection.ts';
import { actingUser } from '../src/modules/draws/demo.ts';
import { commitDraw, operatorOf, revealDraw } from '../src/modules/draws/service.ts';
import { applyChanges, type ChangeInput } from '../src/modules/inspections/service.ts';
import { advancePlan, createPlan } from '../src/modules/plans/service.ts';
import { loadDemoCity } from '../src/seed/load.ts';
import { median, peakRssMb, report, throwawayDatabase, timed } from './lib.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '50,200,1000' }, runs: { type: 'string', default: '3' } },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

/** A checklist of 10 × 10 × 10 contents, numbered 1.1.1 … 10.10.10. */
const CONTENT = {
  mains: Array.from({ length: 10 }, (_, m) => ({
    title: `主项${m + 1}`,
    subs: Array.from({ length: 10 }, (_, s) => ({
      title: `子项${s + 1}`,
      contents: Array.from({ length: 10 }, (_, c) => ({
        text: `内容${c + 1}`,
        method: '现场检查',
        compliant: '符合',
      })),
    })),
  })),
};
const NUMBERS = CONTENT.mains.flatMap((_, m) =>
  Array.from({ length: 100 }, (_, i) => `${m + 1}.${Math.floor(i / 10) + 1}.${(i % 10) + 1}`),
);

async function prepare(database: Database) {
  await loadDemoCity(database, {
    entities: 3000,
    inspectors: 400,
    seed: 'bench-sync',
    dataDir: '/tmp/tianping-bench',
  });
  const planner = (await actingUser(database, 'dept_admin'))!;
  const { rows } = await sql<{ id: string }>`
    insert into inspection_item (code, year, owner_department, owner_org_id, category, name, item_type, org_id)
    values ('BENCH-SYNC', 2026, '市场监督管理局', ${planner.orgId}, '基准', '同步基准事项', 'key', ${planner.orgId})
    returning id`.execute(database.db);
  const { rows: lists } = await sql<{ id: string }>`
    insert into checklist (item_id, version, status, content, published_at)
    values (${rows[0].id}, 1, 'published', ${JSON.stringify(CONTENT)}::jsonb, now()) returning id`.execute(
    database.db,
  );
  const { id: planId } = await createPlan(database, planner, {
    year: 2026,
    orgId: planner.orgId,
    name: '同步基准计划',
    kind: 'single',
    cooperatingOrgIds: [],
    directed: false,
    scope: {},
    ratios: { A: 0, B: 1000, C: 3000, D: 6000 },
    alternatesBp: 0,
    byDistrict: false,
    teamSize: 2,
    crossOffice: true,
    excludeRecentMonths: 0,
    workloadCap: null,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    items: [{ itemId: rows[0].id }],
    batches: [],
  });
  await advancePlan(database, planner, planId, 'file');
  await advancePlan(database, planner, planId, 'publish');
  const batch = await database.db
    .selectFrom('plan_batch')
    .select('id')
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  const who = operatorOf(planner);
  const { id: drawId } = await commitDraw(database, who, planId, {
    batchId: batch.id,
    sources: [{ kind: 'values', description: 'bench' }],
  });
  await revealDraw(database, who, drawId, [{ kind: 'values', groups: [[1, 2, 3]] }]);
  const { rows: tasks } = await sql<{ id: string; inspector_id: string }>`
    select t.id, m.inspector_id from task t join task_member m on m.task_id = t.id and m.position = 0
    where t.draw_id = ${drawId} and t.status = 'assigned' order by t.code`.execute(database.db);
  return { checklistId: lists[0].id, tasks };
}

async function leadOf(database: Database, inspectorId: string) {
  const username = `bench-${inspectorId.slice(0, 8)}`;
  await sql`insert into app_user (username, display_name, role, org_id, inspector_id, password_hash)
    select ${username}, name, 'inspector', org_id, id, 'x' from inspector where id = ${inspectorId}
    on conflict (username) do nothing`.execute(database.db);
  const user = (await actingUser(database, username))!;
  return { ...user, inspectorId };
}

const marks = (checklistId: string, n: number): ChangeInput[] =>
  NUMBERS.slice(0, n).map((contentNo, i) => ({
    id: randomUUID(),
    kind: 'finding',
    checklistId,
    contentNo,
    result: i % 7 === 0 ? 'not' : 'compliant',
    note: i % 7 === 0 ? '问题描述' : '',
    at: new Date().toISOString(),
  }));

const rows: Record<string, string | number>[] = [];
for (const backend of ['postgres', 'pglite'] as const) {
  const { database, dispose } = await throwawayDatabase(backend);
  try {
    const { checklistId, tasks } = await prepare(database);
    let next = 0;
    for (const n of sizes) {
      const batch: number[] = [];
      const single: number[] = [];
      const retry: number[] = [];
      for (let run = 0; run < runs; run++) {
        const task = tasks[next++];
        const lead = await leadOf(database, task.inspector_id);
        const changes = marks(checklistId, n);
        const sent = await timed(() =>
          applyChanges(database, lead, task.id, { baseVersion: 0, checklistIds: [checklistId], changes }),
        );
        if (sent.value.applied.length !== n) throw new Error(`applied ${sent.value.applied.length} of ${n}`);
        batch.push(sent.ms);
        retry.push(
          (await timed(() => applyChanges(database, lead, task.id, { baseVersion: 0, changes }))).ms,
        );
        const other = tasks[next++];
        const otherLead = await leadOf(database, other.inspector_id);
        const one = marks(checklistId, Math.min(n, 200));
        const each = await timed(async () => {
          for (const change of one)
            await applyChanges(database, otherLead, other.id, {
              baseVersion: 0,
              checklistIds: [checklistId],
              changes: [change],
            });
        });
        single.push((each.ms / one.length) * n);
      }
      rows.push({
        backend,
        changes: n,
        'one batch ms': Math.round(median(batch)),
        'per change ms': (median(batch) / n).toFixed(2),
        'resent batch ms': Math.round(median(retry)),
        'one request each ms': Math.round(median(single)),
      });
    }
  } finally {
    await dispose();
  }
}
report('sync', rows, {
  runs,
  peakRssMb: peakRssMb(),
  note: 'one request each: measured over up to 200 changes, scaled to N',
});
