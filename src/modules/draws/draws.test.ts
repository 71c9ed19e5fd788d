import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import {
  drawn,
  insertItem,
  NANSHAN_SAMR,
  orgId,
  planBody,
  publishedPlan,
} from '../../../test/support/draws.ts';
import { sha256Node } from '../../core/draw/hash-node.ts';
import { type Kit, verifyKit } from '../../core/draw/index.ts';
import { verifyChain } from '../audit/repo.ts';
import { latestSnapshot } from '../credit/repo.ts';
import { QUICKNET } from './drand.ts';
import { loadKit } from './kit.ts';
import { replayAdjustments } from './replay.ts';

let t: TestApp;
let dept: Agent;
let samr: string;
beforeAll(async () => {
  t = await testApp({ inspectors: 400 });
  dept = await t.login('dept_admin');
  samr = await orgId(t.database, NANSHAN_SAMR);
});
afterAll(() => t?.close());

const kitOf = (id: string) => loadKit(t.database.db, id);
const verified = async (kit: Kit) => (await verifyKit(kit, { sha256: sha256Node })).ok;

/** Active businesses of Nanshan in the directory per credit class, counted independently of the module. */
async function nanshanCounts() {
  const { rows } = await sql<{ c: string; n: number }>`
    select credit_class as c, count(*)::int as n from entity
    where status = 'active' and in_directory and region_code like '440305%' group by 1`.execute(
    t.database.db,
  );
  return Object.fromEntries(rows.map((r) => [r.c, r.n]));
}

describe('a draw', () => {
  it('freezes the frame with exact counts per stratum and draws ceil(size × ratio) from each', async () => {
    const ratios = { A: 0, B: 333, C: 2000, D: 5000 };
    const plan = await publishedPlan(dept, planBody(samr, { ratios, alternatesBp: 5000 }));
    const preview = await dept.get(`/api/plans/${plan.id}/preview?batchId=${plan.batches[0].id}`);
    const counts = await nanshanCounts();
    const expected = (['A', 'B', 'C', 'D'] as const).map((label) => {
      const size = counts[label] ?? 0;
      const sample = Math.ceil((size * ratios[label]) / 10_000);
      return { label, size, sample, alternates: Math.ceil(sample / 2) };
    });
    expect(preview.strata.map(({ excluded: _, ...s }: { excluded: number }) => s)).toEqual(expected);
    const draw = await drawn(dept, plan);
    expect(draw.status).toBe('completed');
    expect(draw.commitment.strata).toEqual(expected);
    const kit = await kitOf(draw.id);
    expect(kit.frame.map((s) => s.ids.length)).toEqual(expected.map((s) => s.size));
    for (const [h, s] of kit.result.strata.entries()) {
      const drawnIds = [...s.picks, ...s.alternates];
      expect(s.picks).toHaveLength(expected[h].sample);
      expect(s.alternates).toHaveLength(
        Math.min(expected[h].alternates, expected[h].size - expected[h].sample),
      );
      expect(new Set(drawnIds).size).toBe(drawnIds.length);
      expect(drawnIds.every((id) => kit.frame[h].ids.includes(id))).toBe(true);
    }
    expect(kit.result.strata[0].picks).toEqual([]); // A: 无事不扰
    expect(draw.counts.tasks).toBe(expected.reduce((n, s) => n + s.sample, 0));
    expect(await verified(kit)).toBe(true);
    // The classes came from the latest full credit classification, and the draw says which.
    const snapshot = await latestSnapshot(t.database.db);
    expect(snapshot).toBeDefined();
    expect(draw.parameters.credit_snapshot).toEqual({
      id: snapshot!.id,
      finished_at: snapshot!.finished_at.toISOString(),
    });
    const row = await t.database.db
      .selectFrom('draw')
      .select('credit_snapshot_id')
      .where('id', '=', draw.id)
      .executeTakeFirstOrThrow();
    expect(row.credit_snapshot_id).toBe(snapshot!.id);
  });

  it('publishes the commitment in the audit chain before any randomness, and never changes what was published', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: '承诺测试' }));
    const commit = await dept.request('POST', `/api/plans/${plan.id}/draws`, {
      batchId: plan.batches[0].id,
      sources: [{ kind: 'values', description: '体彩排列5' }],
    });
    expect(commit.status).toBe(201);
    const { id, commitmentDigest } = commit.json();
    const committed = (await t.app.inject({ url: `/api/public/draws/${id}` })).json();
    expect(committed).toMatchObject({ status: 'committed', reveal: null, seedHex: null, commitmentDigest });
    const event = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '=', committed.auditSeq)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'draw.committed', subject_id: id });
    expect((event.after as { commitment_digest: string }).commitment_digest).toBe(commitmentDigest);

    const tamper = (set: Record<string, unknown>) =>
      t.database.db.updateTable('draw').set(set).where('id', '=', id).execute();
    await expect(tamper({ frame_digest: '0'.repeat(64) })).rejects.toThrow(/immutable/);
    await expect(
      tamper({ commitment: JSON.stringify({ ...committed.commitment, team_size: 3 }) }),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.database.db.updateTable('draw_frame').set({ size: 1 }).where('draw_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);

    const reveal = { reveal: [{ kind: 'values', groups: [[1, 2, 3]] }] };
    expect((await dept.request('POST', `/api/draws/${id}/reveal`, reveal)).status).toBe(200);
    expect((await dept.request('POST', `/api/draws/${id}/reveal`, reveal)).status).toBe(409);
    await expect(tamper({ seed_hex: '0'.repeat(64) })).rejects.toThrow(/immutable/);
    await expect(t.database.db.deleteFrom('draw_pick').where('draw_id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyChain(t.database.db)).problems).toEqual([]);
  });

  it('refuses a redraw until the draw is abandoned, which stays public with its reason', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: '作废测试' }));
    const first = await drawn(dept, plan);
    const again = await dept.request('POST', `/api/plans/${plan.id}/draws`, {
      batchId: plan.batches[0].id,
      sources: [{ kind: 'values', description: 'x' }],
    });
    expect(again.status).toBe(409);
    expect(again.json().message).toContain('须先作废并说明理由');
    expect((await dept.request('POST', `/api/draws/${first.id}/abandon`, { reason: '' })).status).toBe(400);
    const reason = '计划范围录入错误，经联席办同意重新抽取';
    expect((await dept.request('POST', `/api/draws/${first.id}/abandon`, { reason })).status).toBe(200);
    const second = await drawn(dept, plan, [[9, 9, 9]]);
    const old = (await t.app.inject({ url: `/api/public/draws/${first.id}` })).json();
    expect(old).toMatchObject({
      status: 'abandoned',
      abandonedReason: reason,
      replacedBy: { id: second.id },
    });
    expect(second.replaces).toEqual({ id: first.id, code: first.code });
    const list = (await t.app.inject({ url: '/api/public/draws?pageSize=500' })).json();
    expect(list.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: first.id, abandonedReason: reason })]),
    );
    const tasks = await t.database.db
      .selectFrom('task')
      .select(['status', 'status_reason'])
      .where('draw_id', '=', first.id)
      .execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((task) => task.status === 'cancelled' && task.status_reason?.includes(reason))).toBe(
      true,
    );
    // The abandoned draw's kit still verifies: nothing of it was rewritten.
    expect(await verified(await kitOf(first.id))).toBe(true);
  });

  it('marks a task unassigned when too few inspectors are eligible and shows it, never relaxing a rule', async () => {
    const item = await insertItem(t.database, {
      code: 'T-QUAL-NONE',
      name: '需特殊资质的事项',
      orgId: samr,
      qualification: '无人具备的资质',
    });
    const plan = await publishedPlan(
      dept,
      planBody(samr, { name: '资质不足测试', items: [{ itemId: item }] }),
    );
    const draw = await drawn(dept, plan);
    expect(draw.counts).toMatchObject({ assigned: 0, unassigned: draw.counts.tasks });
    const unassigned = (
      await t.app.inject({ url: `/api/public/draws/${draw.id}/picks?status=unassigned&pageSize=500` })
    ).json();
    expect(unassigned.total).toBe(draw.counts.tasks);
    expect(unassigned.rows[0]).toMatchObject({
      taskStatus: 'unassigned',
      team: [],
      statusReason: expect.stringContaining('少于 2 名'),
    });
    const kit = await kitOf(draw.id);
    expect(kit.result.teams.every((team) => team.eligible.length === 0 && team.team.length === 0)).toBe(true);
    expect(await verified(kit)).toBe(true);
  });

  it('honours declared conflicts, cross-office mode and the previous team', async () => {
    const plan = await publishedPlan(
      dept,
      planBody(samr, {
        name: '回避测试',
        ratios: { A: 0, B: 0, C: 0, D: 10_000 },
        alternatesBp: 0,
        batches: [
          { name: '上半年', startsOn: '2026-01-01', endsOn: '2026-06-30' },
          { name: '下半年', startsOn: '2026-07-01', endsOn: '2026-12-31' },
        ],
      }),
    );
    const inspectors = await t.database.db
      .selectFrom('inspector as i')
      .leftJoin('org as office', 'office.id', 'i.office_id')
      .select(['i.id', 'i.cert_no', 'office.region_code as office'])
      .where('i.org_id', '=', samr)
      .orderBy('i.cert_no')
      .execute();
    const entities = await t.database.db
      .selectFrom('entity')
      .select(['id', 'identifier', 'region_code'])
      .where('region_code', 'like', '440305%')
      .where('credit_class', '=', 'D')
      .where('status', '=', 'active')
      .execute();
    // Every D business declares a conflict with three inspectors, before the draw.
    const declared = entities.flatMap((e, n) =>
      [0, 1, 2].map((k) => ({ entity: e, inspector: inspectors[(n * 3 + k) % inspectors.length] })),
    );
    await t.database.db
      .insertInto('inspector_conflict')
      .values(
        declared.map((c) => ({ inspector_id: c.inspector.id, entity_id: c.entity.id, kind: 'kin' as const })),
      )
      .execute();
    const conflicted = (identifier: string) =>
      declared.filter((c) => c.entity.identifier === identifier).map((c) => c.inspector.cert_no);
    const office = new Map(inspectors.map((i) => [i.cert_no, i.office]));
    const region = new Map(entities.map((e) => [e.identifier, e.region_code]));

    const first = await kitOf((await drawn(dept, plan, [[1]], 0)).id);
    const second = await kitOf((await drawn(dept, plan, [[2]], 1)).id);
    for (const kit of [first, second]) {
      expect(kit.result.teams.length).toBe(entities.length);
      expect(kit.result.teams.filter((x) => x.team.length === 2).length).toBeGreaterThan(0);
      for (const { entity, eligible, team } of kit.result.teams) {
        for (const id of conflicted(entity)) expect(eligible).not.toContain(id);
        for (const id of eligible) {
          const own = office.get(id);
          expect(own && region.get(entity)!.startsWith(own)).toBeFalsy();
        }
        expect(team.every((id) => eligible.includes(id))).toBe(true);
      }
      expect(await verified(kit)).toBe(true);
    }
    for (const { entity, eligible } of second.result.teams) {
      const before = first.result.teams.find((x) => x.entity === entity)!.team;
      for (const id of before) expect(eligible).not.toContain(id);
    }
  });

  it('draws a joint plan with one team per department, the lead department first', async () => {
    const health = await orgId(t.database, '440305-HEALTH');
    const plan = await publishedPlan(
      dept,
      planBody(samr, {
        name: '联合抽查测试',
        kind: 'joint',
        cooperatingOrgIds: [health],
        ratios: { A: 0, B: 200, C: 1000, D: 3000 },
      }),
    );
    const draw = await drawn(dept, plan);
    expect(draw.parameters.departments.map((d: { id: string }) => d.id)).toEqual([samr, health]);
    const kit = await kitOf(draw.id);
    const tasks = kit.result.strata.flatMap((s) => s.picks);
    expect(kit.result.teams.map((x) => x.entity)).toEqual(tasks.flatMap((e) => [e, e]));
    const healthCerts = new Set(
      (
        await t.database.db.selectFrom('inspector').select('cert_no').where('org_id', '=', health).execute()
      ).map((i) => i.cert_no),
    );
    for (const [n, { eligible }] of kit.result.teams.entries())
      expect(eligible.every((id) => healthCerts.has(id) === (n % 2 === 1))).toBe(true);
    expect(await verified(kit)).toBe(true);
  });

  it('appends reasoned, replayable adjustments next to the draw and audits them', async () => {
    const plan = await publishedPlan(
      dept,
      planBody(samr, { name: '调整测试', ratios: { A: 0, B: 0, C: 2000, D: 5000 }, alternatesBp: 10_000 }),
    );
    const draw = await drawn(dept, plan);
    const picksBefore = await t.database.db
      .selectFrom('draw_pick')
      .selectAll()
      .where('draw_id', '=', draw.id)
      .execute();
    const { rows } = (await t.app.inject({ url: `/api/public/draws/${draw.id}/picks?pageSize=500` })).json();
    const d = draw.commitment.strata.findIndex((s: { label: string }) => s.label === 'D');
    const [target] = rows.filter((r: { h: number; selected: boolean }) => r.h === d && r.selected);
    const alternates = rows.filter((r: { h: number; selected: boolean }) => r.h === d && !r.selected);

    const noReason = await dept.request('POST', `/api/draws/${draw.id}/adjustments`, {
      kind: 'replace_entity',
      taskId: target.taskId,
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    const replaced = await dept.request('POST', `/api/draws/${draw.id}/adjustments`, {
      kind: 'replace_entity',
      taskId: target.taskId,
      reason: '已注销',
    });
    expect(replaced.status).toBe(201);
    expect(replaced.json()).toMatchObject({
      seq: 1,
      purpose: 'adjust:1',
      detail: { replaced: target.identifier, alternate: alternates[0].identifier },
    });

    const after = (await t.app.inject({ url: `/api/public/draws/${draw.id}/picks?pageSize=500` })).json()
      .rows;
    expect(after.find((r: { identifier: string }) => r.identifier === target.identifier)).toMatchObject({
      taskStatus: 'cancelled',
      statusReason: '已注销',
    });
    const alternate = after.find((r: { identifier: string }) => r.identifier === alternates[0].identifier);
    expect(alternate.taskCode).toMatch(/^T\d+$/);

    const assigned = after.find(
      (r: { taskStatus: string; team: string[] }) => r.taskStatus === 'assigned' && r.team.length === 2,
    );
    const ill = assigned.team[0];
    const swapped = await dept.request('POST', `/api/draws/${draw.id}/adjustments`, {
      kind: 'replace_inspector',
      taskId: assigned.taskId,
      certNo: ill,
      reason: '病假',
    });
    expect(swapped.status).toBe(201);
    const { added, eligible } = swapped.json().detail;
    expect(eligible).not.toContain(ill);
    expect(eligible).not.toContain(assigned.team[1]);
    const team = (await t.app.inject({ url: `/api/public/draws/${draw.id}/picks?pageSize=500` }))
      .json()
      .rows.find((r: { taskId: string }) => r.taskId === assigned.taskId).team;
    expect(team).toEqual(added ? [added, assigned.team[1]] : [assigned.team[1]]);

    const view = (await t.app.inject({ url: `/api/public/draws/${draw.id}` })).json();
    expect(view.adjustments.map((a: { seq: number; reason: string }) => [a.seq, a.reason])).toEqual([
      [1, '已注销'],
      [2, '病假'],
    ]);
    expect(await replayAdjustments(sha256Node, view.seedHex, 2, view.adjustments)).toEqual([]);
    const forged = structuredClone(view.adjustments);
    forged[0].detail.teams[0].team.reverse();
    expect(await replayAdjustments(sha256Node, view.seedHex, 2, forged)).toEqual([
      expect.stringMatching(/^adjustment 1 \(440305-SAMR\): team/),
    ]);

    // The draw itself is untouched: same picks, and its kit still verifies.
    expect(
      await t.database.db.selectFrom('draw_pick').selectAll().where('draw_id', '=', draw.id).execute(),
    ).toEqual(picksBefore);
    expect(await verified(await kitOf(draw.id))).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', draw.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'draw.committed',
      'draw.revealed',
      'draw.completed',
      'draw.adjusted',
      'draw.adjusted',
    ]);
    await expect(
      t.database.db
        .updateTable('draw_adjustment')
        .set({ reason: 'x' })
        .where('draw_id', '=', draw.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('special libraries', () => {
  it('ask the owning department’s team for the qualification a business’s tag requires', async () => {
    await sql`insert into entity_tag (name, required_qualification) values ('餐饮服务', '食品安全')
      on conflict (name) do update set required_qualification = excluded.required_qualification`.execute(
      t.database.db,
    );
    const plan = await publishedPlan(
      dept,
      planBody(samr, {
        name: '专项库测试',
        directed: true,
        scope: { tags: ['餐饮服务'] },
        ratios: { A: 1000, B: 3000, C: 10_000, D: 10_000 },
      }),
    );
    const kit = await kitOf((await drawn(dept, plan)).id);
    const qualified = new Set(
      (
        await t.database.db
          .selectFrom('inspector')
          .select('cert_no')
          .where('org_id', '=', samr)
          .where(sql<boolean>`'食品安全' = any(qualifications)`)
          .execute()
      ).map((i) => i.cert_no),
    );
    const eligible = kit.result.teams.flatMap((x) => x.eligible);
    expect(eligible.length).toBeGreaterThan(0);
    expect(eligible.every((id) => qualified.has(id))).toBe(true);
  });
});

describe('sources', () => {
  it('needs a public source beside a secret, and a drand round after the commitment', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: '随机源测试' }));
    const commit = (sources: object[]) =>
      dept.request('POST', `/api/plans/${plan.id}/draws`, { batchId: plan.batches[0].id, sources });
    const secretOnly = await commit([{ kind: 'secret', sha256: 'a'.repeat(64) }]);
    expect(secretOnly.status).toBe(400);
    expect(secretOnly.json().message).toContain('公开随机源');
    const past = await commit([{ kind: 'drand', chain: QUICKNET.hash, round: 1000 }]);
    expect(past.status).toBe(400);
    expect(past.json().field).toBe('sources.0.round');
  });

  it('rejects a drand beacon of another round or with a bad signature, and a wrong secret', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: 'drand 测试' }));
    const { round } = await dept.get('/api/drand/round?afterSeconds=60');
    const secret = 'c0ffee';
    const { createHash } = await import('node:crypto');
    const { id } = (
      await dept.request('POST', `/api/plans/${plan.id}/draws`, {
        batchId: plan.batches[0].id,
        sources: [
          { kind: 'drand', chain: QUICKNET.hash, round },
          { kind: 'secret', sha256: createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex') },
        ],
      })
    ).json();
    const signature = 'b'.repeat(96);
    const randomness = createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex');
    const reveal = (beacon: object, secretHex = secret) =>
      dept.request('POST', `/api/draws/${id}/reveal`, {
        reveal: [
          { kind: 'drand', beacon },
          { kind: 'secret', secretHex },
        ],
      });
    const other = await reveal({ round: round + 1, randomness, signature });
    expect(other.status).toBe(400);
    expect(other.json().message).toContain(`承诺的是第 ${round} 轮`);
    const forged = await reveal({ round, randomness, signature });
    expect(forged.status).toBe(400);
    expect(forged.json().message).toContain('签名无效');
    expect((await reveal({ round, randomness: '00', signature })).status).toBe(400);
    expect((await t.app.inject({ url: `/api/public/draws/${id}` })).json().status).toBe('committed');
  });
});

describe('public answers', () => {
  it('carry certificate numbers but no inspector names, ID cards or credit classes', async () => {
    const { rows } = (await t.app.inject({ url: '/api/public/draws' })).json();
    const id = rows.find((r: { status: string }) => r.status === 'completed').id;
    const bodies = [
      (await t.app.inject({ url: `/api/public/draws/${id}` })).body,
      (await t.app.inject({ url: `/api/public/draws/${id}/picks?pageSize=500` })).body,
      (await t.app.inject({ url: `/api/public/draws/${id}/kit` })).body,
    ];
    const inspectors = await t.database.db
      .selectFrom('inspector')
      .select(['name', 'id_card', 'cert_no'])
      .execute();
    const teamMembers = JSON.parse(bodies[2]).result.teams.flatMap((x: { team: string[] }) => x.team);
    expect(teamMembers.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body).not.toMatch(/credit_class|id_card|idCard|phone/);
      for (const inspector of inspectors.filter((i) => teamMembers.includes(i.cert_no))) {
        expect(body).not.toContain(inspector.name);
        expect(body).not.toContain(inspector.id_card);
      }
    }
  });

  it('streams the kit compressed when the client accepts it', async () => {
    const { rows } = (await t.app.inject({ url: '/api/public/draws' })).json();
    const id = rows.find((r: { status: string }) => r.status === 'completed').id;
    const res = await t.app.inject({
      url: `/api/public/draws/${id}/kit`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="D\d{4}-\d{6}\.kit\.json"/);
    const { gunzipSync } = await import('node:zlib');
    expect(await verified(JSON.parse(gunzipSync(res.rawPayload).toString()))).toBe(true);
  });
});
