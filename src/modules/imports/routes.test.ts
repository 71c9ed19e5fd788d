import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { MESSY, messyEntityWorkbook } from '../../../test/support/messy.ts';

/** Polls an import until it leaves the queue (the test server has no job system: it runs in-process). */
async function finished(agent: Agent, id: string) {
  for (;;) {
    const job = await agent.get(`/api/imports/${id}`);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('imports over HTTP', () => {
  let t: TestApp;
  let deptAdmin: Agent;
  beforeAll(async () => {
    t = await testApp();
    deptAdmin = await t.login('dept_admin');
  });
  afterAll(() => t.close());

  it('uploads, shows the detected mapping, dry-runs, runs and gives back the rejected rows', async () => {
    const upload = await deptAdmin.upload(
      '/api/imports?kind=entities',
      '南山区名录.xlsx',
      messyEntityWorkbook(),
    );
    expect(upload.status).toBe(201);
    const { job, fields } = upload.json();
    expect(job).toMatchObject({ status: 'uploaded', kind: 'entities', file_name: '南山区名录.xlsx' });
    const { detection } = job.mapping;
    expect(detection.headerLines).toEqual([3]);
    expect(detection.columns.map((c: { field?: string }) => c.field ?? null)).toEqual([
      'uscc',
      'reg_no',
      'name',
      'reg_address',
      'biz_address',
      'industry_code',
      'registered_on',
      'status',
      'capital_wan',
      'tags',
      'phone',
    ]);
    expect(detection.samples[0][2]).toBe('深圳市某某科技有限公司');
    expect(fields.find((f: { field: string }) => f.field === 'name')).toMatchObject({
      label: '企业名称',
      required: true,
    });

    // A mapping edit: the file's 联系电话 column is ignored from now on.
    const mapped = await deptAdmin.request('POST', `/api/imports/${job.id}/mapping`, {
      map: { 联系电话: '注册号' },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.json().job.mapping.detection.columns.at(-1).field).toBeUndefined();
    const bad = await deptAdmin.request('POST', `/api/imports/${job.id}/mapping`, {
      map: { 联系电话: '电话号码X' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'map' });
    expect(bad.json().message).toContain('“电话号码X”不是检查对象名录的字段');
    await deptAdmin.request('POST', `/api/imports/${job.id}/mapping`, { map: {} });

    const before = await t.database.db.selectFrom('entity').select('id').execute();
    const dry = await deptAdmin.request('POST', `/api/imports/${job.id}/run`, { dryRun: true });
    expect(dry.status).toBe(202);
    const dryDone = await finished(deptAdmin, job.id);
    // The Nanshan dept_admin may not import the Futian business (line 13) nor the one registered
    // by a national authority (line 9).
    expect(dryDone).toMatchObject({ status: 'done', dry_run: true, inserted: 3, rejected: 5, warnings: 4 });
    expect(await t.database.db.selectFrom('entity').select('id').execute()).toHaveLength(before.length);
    const issues = await deptAdmin.get(`/api/imports/${job.id}/issues?severity=error`);
    expect(issues.rows.map((i: { line: number }) => i.line)).toEqual([5, 7, 9, 11, 13]);

    expect((await deptAdmin.request('POST', `/api/imports/${job.id}/run`, { dryRun: false })).status).toBe(
      202,
    );
    const done = await finished(deptAdmin, job.id);
    expect(done).toMatchObject({ status: 'done', dry_run: false, inserted: 3, updated: 0, rejected: 5 });
    const stored = await t.database.db
      .selectFrom('entity')
      .select(['identifier', 'org_id'])
      .where('identifier', 'in', [MESSY.enterprise, MESSY.regNo, MESSY.cooperative, MESSY.futian])
      .execute();
    expect(stored.map((e) => e.identifier).sort()).toEqual(
      [MESSY.regNo, MESSY.enterprise, MESSY.cooperative].sort(),
    );
    expect(new Set(stored.map((e) => e.org_id))).toEqual(new Set([deptAdmin.user.orgId]));
    expect((await deptAdmin.request('POST', `/api/imports/${job.id}/run`, { dryRun: false })).status).toBe(
      409,
    );

    const rejected = await deptAdmin.download(`/api/imports/${job.id}/rejected?format=xlsx`);
    expect(rejected.status).toBe(200);
    const book = XLSX.read(rejected.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, string | number>>(book.Sheets[book.SheetNames[0]]);
    expect(rows.map((r) => r.原行号)).toEqual([5, 7, 9, 11, 13]);
    expect(rows[4].原因).toMatch(/不在您的管辖范围内/);
    expect(rows[4].企业名称).toBe('深圳市福田某某贸易有限公司');
    const csv = await deptAdmin.download(`/api/imports/${job.id}/rejected?format=csv`);
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('subject_id', '=', job.id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'import.completed',
        after: expect.objectContaining({ inserted: 3, rejected: 5, kind: 'entities' }),
      },
    ]);
  });

  it('refuses what the role may not import, and files that are no spreadsheet', async () => {
    const coordinator = await t.login('coordinator');
    expect(
      (await coordinator.upload('/api/imports?kind=entities', 'x.xlsx', messyEntityWorkbook())).status,
    ).toBe(403);
    const inspector = await t.login('inspector');
    expect((await inspector.upload('/api/imports?kind=items', 'x.xlsx', messyEntityWorkbook())).status).toBe(
      403,
    );
    const notes = await deptAdmin.upload('/api/imports?kind=entities', 'notes.txt', 'hello');
    expect(notes.status).toBe(400);
    expect(notes.json()).toMatchObject({ field: 'file' });
    const garbage = await deptAdmin.upload(
      '/api/imports?kind=entities',
      'broken.xlsx',
      'not a workbook at all',
    );
    expect(garbage.status).toBe(201);
    expect(garbage.json().job).toMatchObject({ status: 'failed' });
    expect(garbage.json().job.error).toMatch(/未找到表头|无法读取/);
  });

  it('shows a job only inside the organisation that ran it', async () => {
    const [job] = (await deptAdmin.get('/api/imports')).rows;
    const admin = await t.login('admin');
    expect((await admin.get(`/api/imports/${job.id}`)).id).toBe(job.id);
    const futian = await t.database.db
      .selectFrom('org')
      .select('id')
      .where('code', '=', '440304-SAMR')
      .executeTakeFirstOrThrow();
    const created = await admin.request('POST', '/api/users', {
      username: 'futian_admin',
      displayName: '福田监管局 管理员',
      role: 'dept_admin',
      orgId: futian.id,
      password: 'Futian-Admin-2026',
    });
    expect(created.status).toBe(201);
    const futianAdmin = await t.login('futian_admin', 'Futian-Admin-2026');
    expect((await futianAdmin.request('GET', `/api/imports/${job.id}`)).status).toBe(403);
    expect((await futianAdmin.get('/api/imports')).rows).toEqual([]);
    expect((await futianAdmin.request('POST', `/api/imports/${job.id}/run`, { dryRun: true })).status).toBe(
      403,
    );
  });
});
