// Credit-risk classification on a small demo city (whose loader already ran one full
// classification): runs, snapshots and explanations, direct rules, re-scores after events, model
// versions with dry runs, imports, data scope, and classes kept off public routes and away from
// the business role.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { industrySection } from '../../core/codes/index.ts';
import {
  classOf,
  contribution,
  DEFAULT_MODEL,
  METRIC_SPECS,
  type ModelDefinition,
  pointsFor,
} from '../../core/credit/index.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../http/context.ts';
import { verifyChain } from '../audit/repo.ts';
import { latestSnapshot } from './repo.ts';
import { rescore, today } from './service.ts';

let t: TestApp;
let coordinator: Agent;
let deptAdmin: Agent;
let business: Agent;

beforeAll(async () => {
  t = await testApp({ entities: 3000, inspectors: 120 });
  coordinator = await t.login('coordinator');
  deptAdmin = await t.login('dept_admin');
  business = await t.login('business');
});
afterAll(() => t?.close());

const db = () => t.database.db;

/** Current classes of the businesses a run classifies, counted independently of the module. */
async function classCounts() {
  const { rows } = await sql<{ c: string; n: number }>`
    select credit_class as c, count(*)::int as n from entity
    where status = 'active' and in_directory group by 1`.execute(db());
  return Object.fromEntries(rows.map((r) => [r.c, r.n]));
}

async function classes() {
  const { rows } = await sql<{ id: string; c: string }>`
    select id, credit_class as c from entity where status = 'active' and in_directory`.execute(db());
  return new Map(rows.map((r) => [r.id, r.c]));
}

/** An active business of Nanshan (the dept_admin's district) with no credit event at all. */
async function quietBusiness(cls = 'A') {
  const { rows } = await sql<{ id: string }>`
    select e.id from entity e
    where e.status = 'active' and e.in_directory and e.credit_class = ${cls} and e.region_code like '440305%'
      and not exists (select 1 from credit_event v where v.entity_id = e.id)
      and e.registered_on < current_date - 2000
    order by e.identifier limit 1`.execute(db());
  return rows[0].id;
}

interface RunJson {
  id: string;
  kind: string;
  status: string;
  model_version: number;
  total: number;
  counts: Record<string, number>;
  changed: number;
  finished_at: string;
}

async function fullRun(): Promise<RunJson> {
  const r = await coordinator.request('POST', '/api/credit/runs', { kind: 'full' });
  expect(r.status).toBe(202);
  return r.json();
}

describe('a full classification', () => {
  it('classifies every active business, keeps the snapshot and writes the classes', async () => {
    const run = await fullRun();
    expect(run).toMatchObject({ kind: 'full', status: 'completed', progress: 100, model_version: 1 });
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from credit_score s join credit_run r on r.seq = s.run_seq
      where r.id = ${run.id}`.execute(db());
    const active = Object.values(await classCounts()).reduce((s, n) => s + n, 0);
    expect(rows[0].n).toBe(active);
    expect(run.total).toBe(active);
    // The run's counts are the classes the rest of the platform now reads.
    expect(await classCounts()).toEqual(run.counts);
    expect(await latestSnapshot(db())).toEqual({ id: run.id, finished_at: new Date(run.finished_at) });
    // The demo's run and this one: a business's history holds both.
    const snapshots = await coordinator.get('/api/credit/runs?kind=full');
    expect(snapshots.total).toBe(2);
    expect(snapshots.rows[0].id).toBe(run.id);
  });

  it('lands in the published class mix, with D driven by real signals', async () => {
    const counts = await classCounts();
    const total = Object.values(counts).reduce((s, n) => s + n, 0);
    const share = (c: string) => (counts[c] ?? 0) / total;
    expect(share('A')).toBeGreaterThan(0.6);
    expect(share('A')).toBeLessThan(0.78);
    expect(share('D')).toBeGreaterThan(0.01);
    expect(share('D')).toBeLessThan(0.04);
    const { rows } = await sql<{ n: number; signalled: number }>`
      select count(*)::int as n,
        count(*) filter (where e.serious_listed or e.abnormal_listed
          or exists (select 1 from credit_event v where v.entity_id = e.id and v.kind = 'penalty'))::int as signalled
      from entity e where e.credit_class = 'D' and e.status = 'active'`.execute(db());
    expect(rows[0].signalled).toBe(rows[0].n);
  });

  it('explains every class: factors whose contributions add up to the score, by the same rules as core', async () => {
    const model = DEFAULT_MODEL;
    const { rows } = await sql<{ id: string }>`
      select e.id from entity e where e.status = 'active' and e.credit_class in ('C', 'D')
      order by e.identifier limit 8`.execute(db());
    expect(rows.length).toBe(8);
    for (const { id } of rows) {
      const p = await coordinator.get(`/api/credit/entities/${id}`);
      const sum = p.latest.factors.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0);
      expect(sum).toBe(p.latest.score);
      expect(p.latest.class).toBe(p.latest.rule ? 'D' : classOf(p.latest.score, model.thresholds));
      expect(await oracleScore(id, model)).toEqual({ score: p.latest.score, class: p.entity.credit_class });
    }
  });
});

/**
 * The score of one business computed in TypeScript from its rows, with core's rule evaluation: the
 * oracle the generated SQL must agree with.
 */
async function oracleScore(id: string, model: ModelDefinition) {
  const e = await db().selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = await db().selectFrom('credit_event').selectAll().where('entity_id', '=', id).execute();
  const asOf = today();
  const days = (d: string) => (Date.parse(asOf) - Date.parse(d)) / 86_400_000;
  const inWindow = (d: string, w?: number) => days(d) >= 0 && (w === undefined || days(d) < w);
  const { rows: related } = await sql<{ n: number }>`
    select count(*)::int as n from entity x where x.legal_rep = ${e.legal_rep} and x.id <> ${id}
      and left(x.region_code, 6) = ${e.region_code.slice(0, 6)} and x.credit_class = 'D'
      and x.status = 'active' and x.in_directory`.execute(db());
  let score = 0;
  for (const ind of model.indicators) {
    const r = ind.rule;
    const decayed = (kind: string, filter: (v: (typeof events)[number]) => boolean) =>
      events
        .filter((v) => v.kind === kind && filter(v) && inWindow(v.occurred_on, r.windowDays))
        .reduce(
          (s, v) =>
            s +
            (r.severityWeights ?? [1, 1, 1])[Math.min(3, Math.max(1, v.severity ?? 1)) - 1] *
              (r.halfLifeDays ? 0.5 ** (days(v.occurred_on) / r.halfLifeDays) : 1),
          0,
        );
    const count = (kind: string, filter: (v: (typeof events)[number]) => boolean = () => true) =>
      events.filter((v) => v.kind === kind && filter(v) && inWindow(v.occurred_on, r.windowDays)).length;
    const values: Record<string, number | string | null> = {
      age_years: e.registered_on ? days(e.registered_on) / 365.25 : null,
      kind: e.kind,
      industry: e.industry_code,
      abnormal_listed: e.abnormal_listed ? 1 : 0,
      related_d: related[0].n,
      penalties: decayed('penalty', () => true),
      inspection_problems: decayed('inspection_result', (v) => (v.severity ?? 0) >= 1),
      complaints: count('complaint'),
      address_changes: count('registration_change', (v) => v.subject === 'address'),
      rep_changes: count('registration_change', (v) => v.subject === 'legal_rep'),
      complaint_growth:
        events.filter((v) => v.kind === 'complaint' && inWindow(v.occurred_on, r.recentDays)).length -
        events.filter(
          (v) =>
            v.kind === 'complaint' &&
            days(v.occurred_on) >= (r.recentDays ?? 0) &&
            days(v.occurred_on) < 2 * (r.recentDays ?? 0),
        ).length,
    };
    expect(METRIC_SPECS[ind.metric]).toBeDefined();
    const value = values[ind.metric];
    score += contribution(
      pointsFor(ind.rule.score, value, e.industry_code ? industrySection(e.industry_code) : undefined),
      ind.weight,
    );
  }
  return { score, class: e.serious_listed ? 'D' : classOf(score, model.thresholds) };
}

describe('direct rules', () => {
  it('puts a business on the serious-violation list in D, whatever its score', async () => {
    const id = await quietBusiness('A');
    const r = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'serious_list_in',
      occurredOn: today(),
      subject: 'heavy_penalty',
    });
    expect(r.status).toBe(201);
    expect(r.json().rescored).toMatchObject({ prev_class: 'A', class: 'D', rule: 'serious_listed' });
    const entity = await db().selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(entity).toMatchObject({ serious_listed: true, credit_class: 'D' });
  });

  it('puts a business with nothing to score in B', async () => {
    const id = await quietBusiness('A');
    await db().updateTable('entity').set({ registered_on: null }).where('id', '=', id).execute();
    const [row] = await rescore(t.database, [id]);
    expect(row).toMatchObject({ class: 'B', rule: 'no_data' });
  });
});

describe('an event', () => {
  it('re-scores only its business, moves its class and keeps the explanation', async () => {
    const id = await quietBusiness('A');
    const before = await classes();
    const r = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'penalty',
      occurredOn: today(),
      severity: 3,
      amountYuan: '200000',
      subject: 'fine',
      ref: '深南市监罚〔2026〕1号',
    });
    expect(r.status).toBe(201);
    const moved = r.json().rescored;
    expect(moved.prev_class).toBe('A');
    expect(['B', 'C', 'D']).toContain(moved.class);
    const after = await classes();
    for (const [entity, cls] of before) if (entity !== id) expect(after.get(entity)).toBe(cls);
    expect(after.get(id)).toBe(moved.class);

    const profile = await deptAdmin.get(`/api/credit/entities/${id}`);
    expect(profile.latest).toMatchObject({ kind: 'incremental', class: moved.class, score: moved.score });
    const penalties = profile.latest.factors.find((f: { code: string }) => f.code === 'penalties');
    expect(penalties.points).toBeGreaterThan(0);
    expect(profile.history.map((h: { class: string }) => h.class).slice(0, 2)).toEqual([moved.class, 'A']);
    expect(profile.events[0]).toMatchObject({ kind: 'penalty', severity: 3, ref: '深南市监罚〔2026〕1号' });

    // The same decision number again is refused, and nothing is recorded twice.
    const again = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'penalty',
      occurredOn: today(),
      severity: 3,
      ref: '深南市监罚〔2026〕1号',
    });
    expect(again.status).toBe(409);
  });

  it('refuses an event dated in the future or without its severity, naming the field', async () => {
    const id = await quietBusiness('A');
    const future = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'complaint',
      occurredOn: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.json().field).toBe('occurredOn');
    const noSeverity = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'penalty',
      occurredOn: today(),
    });
    expect(noSeverity.json().field).toBe('severity');
  });

  it('takes an inspection result by its result codes, the worst setting the severity', async () => {
    const id = await quietBusiness('A');
    const r = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'inspection_result',
      occurredOn: today(),
      subject: 'D,E',
    });
    expect(r.status).toBe(201);
    const event = await db()
      .selectFrom('credit_event')
      .select(['severity', 'subject'])
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ severity: 2, subject: 'D,E' });
    const unknown = await deptAdmin.request('POST', '/api/credit/events', {
      entityId: id,
      kind: 'inspection_result',
      occurredOn: today(),
      subject: 'Z',
    });
    expect(unknown.json().field).toBe('severity');
  });

  it('cannot be changed or deleted once recorded', async () => {
    await expect(sql`update credit_event set severity = 0`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from credit_event`.execute(db())).rejects.toThrow(/append-only/);
  });
});

describe('model versions', () => {
  it('preview a weight change by a dry run that changes nothing until activated', async () => {
    const classesBefore = await classes();
    const snapshotBefore = await latestSnapshot(db());
    const draft = (await coordinator.request('POST', '/api/credit/models/draft')).json();
    expect(draft).toMatchObject({ status: 'draft', version: 2, based_on: 1 });
    const penalties = draft.indicators.find((i: { code: string }) => i.code === 'penalties');
    penalties.weight = 60;
    const saved = await coordinator.request('PUT', '/api/credit/models/draft', {
      thresholds: draft.thresholds,
      direct: draft.direct,
      indicators: draft.indicators,
    });
    expect(saved.status).toBe(200);

    const dry = (await coordinator.request('POST', '/api/credit/runs', { kind: 'dry_run' })).json();
    expect(dry).toMatchObject({ kind: 'dry_run', status: 'completed', model_version: 2 });
    expect(dry.counts).not.toEqual(dry.before_counts);
    expect(dry.changed).toBeGreaterThan(0);
    // Nothing moved: classes, the snapshot, the active version.
    expect(await classes()).toEqual(classesBefore);
    expect(await latestSnapshot(db())).toEqual(snapshotBefore);
    expect((await coordinator.get('/api/credit/summary')).model.version).toBe(1);

    const activated = await coordinator.request('POST', '/api/credit/models/draft/activate');
    expect(activated.json()).toMatchObject({ status: 'active', version: 2 });
    const run = await fullRun();
    expect(run.model_version).toBe(2);
    // The preview said what the run did.
    expect(run.counts).toEqual(dry.counts);
    expect(run.changed).toBe(dry.changed);
  });

  it('are all kept, the earlier ones retired', async () => {
    const models = await coordinator.get('/api/credit/models');
    expect(models.map((m: { version: number; status: string }) => [m.version, m.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    const v1 = await coordinator.get(`/api/credit/models/${models[1].id}`);
    expect(v1.indicators.find((i: { code: string }) => i.code === 'penalties').weight).toBe(25);
  });

  it('refuse an invalid draft with the field at fault, and only a draft can change', async () => {
    const draft = (await coordinator.request('POST', '/api/credit/models/draft')).json();
    expect(draft.version).toBe(3);
    const bad = structuredClone(draft);
    bad.thresholds.C = bad.thresholds.D + 1;
    const r = await coordinator.request('PUT', '/api/credit/models/draft', bad);
    expect(r.status).toBe(400);
    expect(r.json().field).toBe('thresholds.C');
    expect((await coordinator.request('DELETE', '/api/credit/models/draft')).status).toBe(200);
    expect((await coordinator.request('PUT', '/api/credit/models/draft', draft)).status).toBe(404);
  });

  it('leave an audit trail that verifies', async () => {
    const actions = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'credit.%')
      .execute();
    const names = new Set(actions.map((a) => a.action));
    for (const action of [
      'credit.model_activated',
      'credit.model_drafted',
      'credit.model_saved',
      'credit.model_discarded',
      'credit.run_requested',
      'credit.run_completed',
      'credit.event_recorded',
    ])
      expect(names).toContain(action);
    expect((await verifyChain(db())).problems).toEqual([]);
  });
});

describe('the changed-class list', () => {
  it('lists the businesses whose class the latest run changed, filtered by classes, within the region', async () => {
    const all = await coordinator.get('/api/credit/changes?pageSize=200');
    const snapshot = await latestSnapshot(db());
    expect(all.run.id).toBe(snapshot!.id);
    const run = await coordinator.get(`/api/credit/runs/${snapshot!.id}`);
    expect(all.total).toBe(run.changed);
    expect(all.rows.every((r: { prev_class: string; class: string }) => r.prev_class !== r.class)).toBe(true);
    const toD = await coordinator.get('/api/credit/changes?to=D&pageSize=200');
    expect(toD.rows.every((r: { class: string }) => r.class === 'D')).toBe(true);
    const nanshan = await deptAdmin.get('/api/credit/changes?pageSize=200');
    expect(nanshan.total).toBeLessThan(all.total);
    expect(nanshan.rows.every((r: { region_code: string }) => r.region_code.startsWith('440305'))).toBe(true);
  });
});

describe('imports of penalties and complaints', () => {
  it('keep the good rows, report every rejected one, and add nothing the second time', async () => {
    const { rows } = await sql<{ identifier: string; id: string }>`
      select identifier, id from entity where region_code like '440305%' and status = 'active'
      order by identifier limit 2`.execute(db());
    const csv = [
      '行政处罚决定书文号,当事人名称,统一社会信用代码,处罚类别,罚款金额（元）,处罚决定日期',
      `深南罚〔2026〕101号,甲,${rows[0].identifier},罚款,5000,2026-06-01`,
      `深南罚〔2026〕102号,乙,${rows[1].identifier},吊销营业执照,,2026-06-02`,
      '深南罚〔2026〕103号,丙,91440300MA5XXXXX0X,罚款,100,2026-06-03',
      `深南罚〔2026〕104号,丁,${rows[1].identifier},罚款,100,2026-13-01`,
    ].join('\n');
    const first = await upload(deptAdmin, '/api/credit/imports/penalties', 'penalties.csv', csv);
    expect(first.status).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({ rows: 4, accepted: 2, rejected: 2, duplicates: 0 });
    const errors = report.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.map((i: { line: number }) => i.line)).toEqual([4, 5]);
    expect(errors[1]).toMatchObject({ column: '处罚决定日期', value: '2026-13-01' });
    const events = await db()
      .selectFrom('credit_event')
      .select(['entity_id', 'severity', 'amount_yuan'])
      .where('ref', 'like', '深南罚〔2026〕10%')
      .orderBy('ref')
      .execute();
    expect(events).toEqual([
      { entity_id: rows[0].id, severity: 1, amount_yuan: '5000.00' },
      { entity_id: rows[1].id, severity: 3, amount_yuan: null },
    ]);
    const second = (await upload(deptAdmin, '/api/credit/imports/penalties', 'penalties.csv', csv)).json();
    expect(second).toMatchObject({ accepted: 0, duplicates: 2, rejected: 2 });
  });

  it('refuse businesses outside the region and a file without the required columns', async () => {
    const { rows } = await sql<{ identifier: string }>`
      select identifier from entity where region_code like '440304%' order by identifier limit 1`.execute(
      db(),
    );
    const csv = `投诉编号,统一社会信用代码,登记日期\nC-1,${rows[0].identifier},2026-06-01\n`;
    const report = (await upload(deptAdmin, '/api/credit/imports/complaints', 'c.csv', csv)).json();
    expect(report).toMatchObject({ accepted: 0, rejected: 1 });
    expect(report.issues[0].reason).toBe('该市场主体不在您的管理范围内');
    const noDate = await upload(
      deptAdmin,
      '/api/credit/imports/complaints',
      'c.csv',
      '统一社会信用代码,名称\nX,Y\n',
    );
    expect(noDate.status).toBe(400);
    expect(noDate.json().message).toContain('登记日期');
  });
});

describe('access', () => {
  it('lets department staff read profiles in their region only, and never the business role', async () => {
    const { rows } = await sql<{ id: string; region: string }>`
      select id, left(region_code, 6) as region from entity
      where region_code like '440305%' or region_code like '440304%' order by identifier`.execute(db());
    const nanshan = rows.find((r) => r.region === '440305')!.id;
    const futian = rows.find((r) => r.region === '440304')!.id;
    expect((await deptAdmin.request('GET', `/api/credit/entities/${nanshan}`)).status).toBe(200);
    expect((await deptAdmin.request('GET', `/api/credit/entities/${futian}`)).status).toBe(403);
    const inspector = await t.login('inspector');
    expect((await inspector.request('GET', `/api/credit/entities/${nanshan}`)).status).toBe(200);
    expect((await inspector.request('POST', '/api/credit/runs', { kind: 'full' })).status).toBe(403);
    expect((await deptAdmin.request('GET', '/api/credit/summary')).status).toBe(403);
    const own = business.user.entityId!;
    expect((await business.request('GET', `/api/credit/entities/${own}`)).status).toBe(403);
  });

  it('keeps classes and scores off every public route and every route the business role can read', async () => {
    const leaks = /credit_?class|"class"|score|creditClass/i;
    const entityId = business.user.entityId!;
    const anonymous = async (url: string) => t.app.inject({ method: 'GET', url });
    for (const route of t.app.routeAccess) {
      if (route.method !== 'GET' || !route.url.startsWith('/api/')) continue;
      const url = route.url.replace(/:[a-zA-Z]+/g, entityId);
      const forBusiness =
        route.access === 'authenticated' ||
        (Array.isArray(route.access) && route.access.includes('business'));
      if (route.access === 'public') {
        const r = await anonymous(url);
        expect(r.body, `${route.method} ${route.url}`).not.toMatch(leaks);
      }
      if (route.access === 'public' || forBusiness) {
        const r = await business.request('GET', url);
        expect(r.body, `${route.method} ${route.url} as business`).not.toMatch(leaks);
      }
    }
    // The inventory is real: the credit routes are in it, none public.
    const credit = t.app.routeAccess.filter((r) => r.url.startsWith('/api/credit/'));
    expect(credit.length).toBeGreaterThan(10);
    expect(credit.some((r) => r.access === 'public' || r.access === 'authenticated')).toBe(false);
  });
});

async function upload(agent: Agent, url: string, fileName: string, text: string) {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: agent.username, password: 'Tianping2026' },
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
  const { csrfToken } = login.json();
  const boundary = `----credit${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url,
    payload,
    cookies: { [SESSION_COOKIE]: cookie.value },
    headers: { [CSRF_HEADER]: csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  return { status: r.statusCode, json: () => r.json() };
}

describe('an interrupted run', () => {
  it('is marked failed when the next one is asked for, and never blocks it', async () => {
    const model = await db()
      .selectFrom('credit_model')
      .select(['id', 'version'])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const stuck = await db()
      .insertInto('credit_run')
      .values({
        kind: 'full',
        model_id: model.id,
        model_version: model.version,
        trigger: 'manual',
        as_of: today(),
        status: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const run = await fullRun();
    expect(run.status).toBe('completed');
    const old = await coordinator.get(`/api/credit/runs/${stuck.id}`);
    expect(old).toMatchObject({ status: 'failed', error: 'interrupted' });
  });
});
