import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { insertItem, NANSHAN_SAMR, orgId, planBody, publishedPlan } from '../../../test/support/draws.ts';
import { planProblem } from './rules.ts';

let t: TestApp;
let dept: Agent;
let coordinator: Agent;
let samr: string;
beforeAll(async () => {
  t = await testApp();
  dept = await t.login('dept_admin');
  coordinator = await t.login('coordinator');
  samr = await orgId(t.database, NANSHAN_SAMR);
});
afterAll(() => t?.close());

describe('plan rules', () => {
  const base = {
    kind: 'single' as const,
    orgId: 'o',
    regionPrefix: '440305',
    cooperatingOrgIds: [],
    directed: false,
    scope: {},
    ratios: { A: 0, B: 200, C: 1000, D: 3000 },
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    items: [],
    batches: [],
  };
  const general = {
    id: 'i',
    code: 'X1',
    name: '营业执照检查',
    item_type: 'general' as const,
    ratio_bp: null,
  };

  it('allows A-class 无事不扰 (ratio 0) and key items above 10 %', () => {
    expect(planProblem(base)).toBeNull();
    expect(planProblem({ ...base, items: [{ ...general, item_type: 'key' }] })).toBeNull();
  });

  it('refuses a ratio above the cap of a general item, naming the item, the class and the cap', () => {
    expect(planProblem({ ...base, items: [general] })).toEqual({
      field: 'ratios.D',
      zh: '一般检查事项「营业执照检查」的抽查比例上限为 10%，D类比例 30% 超出上限（重点检查事项不设上限）',
      en: expect.stringContaining('capped at 10%'),
    });
    // The item's own published ratio, when lower, is its cap.
    const capped = {
      ...base,
      ratios: { A: 0, B: 200, C: 500, D: 500 },
      items: [{ ...general, ratio_bp: 300 }],
    };
    expect(planProblem(capped)?.field).toBe('ratios.C');
  });

  it('keeps directed and undirected plans apart, and regions inside the department’s area', () => {
    expect(planProblem({ ...base, directed: true })?.field).toBe('scope');
    expect(planProblem({ ...base, scope: { tags: ['食品经营'] } })?.field).toBe('scope');
    expect(planProblem({ ...base, directed: true, scope: { tags: ['食品经营'] } })).toBeNull();
    expect(planProblem({ ...base, scope: { regions: ['440304001'] } })?.field).toBe('scope.regions');
    expect(planProblem({ ...base, scope: { regions: ['440305001'] } })).toBeNull();
  });

  it('needs cooperating departments for a joint plan and none for a single one', () => {
    expect(planProblem({ ...base, kind: 'joint' })?.field).toBe('cooperatingOrgIds');
    expect(planProblem({ ...base, kind: 'joint', cooperatingOrgIds: ['o'] })?.field).toBe(
      'cooperatingOrgIds',
    );
    expect(planProblem({ ...base, cooperatingOrgIds: ['p'] })?.field).toBe('cooperatingOrgIds');
    expect(planProblem({ ...base, kind: 'joint', cooperatingOrgIds: ['p'] })).toBeNull();
  });
});

describe('plans over the API', () => {
  it('refuses a team of one and a general item drawn at 30 %, with the field named', async () => {
    const small = await dept.request('POST', '/api/plans', planBody(samr, { teamSize: 1 }));
    expect(small.status).toBe(400);
    expect(small.json().field).toBe('teamSize');
    const item = await insertItem(t.database, {
      code: 'T-GEN-1',
      name: '一般事项甲',
      orgId: samr,
      itemType: 'general',
    });
    const res = await dept.request(
      'POST',
      '/api/plans',
      planBody(samr, { ratios: { A: 0, B: 200, C: 1000, D: 3000 }, items: [{ itemId: item }] }),
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'ratios.D',
      message: expect.stringContaining('一般检查事项「一般事项甲」'),
    });
  });

  it('drafts, files and publishes, auditing each step; only in the department’s scope', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: '范围测试计划' }));
    expect(plan).toMatchObject({ status: 'published', code: expect.stringMatching(/^P\d{6}$/) });
    expect(plan.batches).toEqual([expect.objectContaining({ seq: 1, startsOn: '2026-01-01', draw: null })]);
    const audit = await coordinator.get(`/api/audit?subjectType=plan&subjectId=${plan.id}`);
    expect(audit.rows.map((r: { action: string }) => r.action).reverse()).toEqual([
      'plan.created',
      'plan.filed',
      'plan.published',
    ]);
    // Another district's department may neither see nor plan for Nanshan.
    const futian = await t.login('inspector2');
    expect((await futian.request('GET', `/api/plans/${plan.id}`)).status).toBe(403);
    expect((await coordinator.request('GET', `/api/plans/${plan.id}`)).status).toBe(200);
    const other = await orgId(t.database, '440304-SAMR');
    const res = await dept.request('POST', '/api/plans', planBody(other));
    expect(res.status).toBe(400);
    expect(res.json().field).toBe('orgId');
  });

  it('changes a published plan only by a reasoned amendment that records before and after', async () => {
    const plan = await publishedPlan(dept, planBody(samr, { name: '变更测试计划' }));
    const body = planBody(samr, { name: '变更测试计划', ratios: { A: 0, B: 500, C: 2000, D: 6000 } });
    const edit = await dept.request('PUT', `/api/plans/${plan.id}`, body);
    expect(edit.status).toBe(409);
    expect(
      (await dept.request('POST', `/api/plans/${plan.id}/amendments`, { reason: ' ', plan: body })).status,
    ).toBe(400);
    const first = await dept.request('POST', `/api/plans/${plan.id}/amendments`, {
      reason: '提高D类比例',
      plan: body,
    });
    expect(first.status).toBe(201);
    expect(first.json()).toMatchObject({ seq: 1, changed: ['ratios'] });
    const unchanged = await dept.request('POST', `/api/plans/${plan.id}/amendments`, {
      reason: '无',
      plan: body,
    });
    expect(unchanged.status).toBe(400);
    const second = await dept.request('POST', `/api/plans/${plan.id}/amendments`, {
      reason: '延长计划期',
      plan: { ...body, endsOn: '2027-01-31' },
    });
    // The implicit single batch follows the plan's dates.
    expect(second.json()).toMatchObject({ seq: 2, changed: ['endsOn', 'batches'] });
    const amendments = await dept.get(`/api/plans/${plan.id}/amendments`);
    expect(amendments).toEqual([
      expect.objectContaining({
        seq: 1,
        reason: '提高D类比例',
        before: { ratios: { A: 0, B: 500, C: 2000, D: 5000 } },
        after: { ratios: { A: 0, B: 500, C: 2000, D: 6000 } },
      }),
      expect.objectContaining({
        seq: 2,
        before: expect.objectContaining({ endsOn: '2026-12-31' }),
        after: expect.objectContaining({ endsOn: '2027-01-31' }),
      }),
    ]);
    expect((await dept.get(`/api/plans/${plan.id}`)).ratios.D).toBe(6000);
    const audit = await coordinator.get(`/api/audit?action=plan.amended&subjectId=${plan.id}`);
    expect(audit.rows).toHaveLength(2);
    // Recorded amendments are never rewritten.
    await expect(
      t.database.db
        .updateTable('plan_amendment')
        .set({ reason: 'x' })
        .where('plan_id', '=', plan.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});
