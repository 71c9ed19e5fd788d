import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { idCardCheckChar } from '../../core/codes/index.ts';

const idCard = (body: string) => body + idCardCheckChar(body);

async function finished(agent: Agent, id: string) {
  for (;;) {
    const job = await agent.get(`/api/imports/${id}`);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the inspector directory', () => {
  let t: TestApp;
  let deptAdmin: Agent;
  let coordinator: Agent;
  let inspector: Agent;
  let nanshanSamr: { id: string; path: string };
  beforeAll(async () => {
    t = await testApp();
    deptAdmin = await t.login('dept_admin');
    coordinator = await t.login('coordinator');
    inspector = await t.login('inspector');
    nanshanSamr = await t.database.db
      .selectFrom('org')
      .select(['id', 'path'])
      .where('code', '=', '440305-SAMR')
      .executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  it('lists the inspectors of the caller’s subtree, with ID cards only for the department’s administrators', async () => {
    const own = await deptAdmin.get('/api/inspectors?pageSize=200');
    const expected = await t.database.db
      .selectFrom('inspector')
      .select('id')
      .where('org_id', '=', nanshanSamr.id)
      .execute();
    expect(own.total).toBe(expected.length);
    expect(
      own.rows.every(
        (r: { org_id: string; id_card: string }) =>
          r.org_id === nanshanSamr.id && /^\d{17}[\dX]$/.test(r.id_card),
      ),
    ).toBe(true);

    const all = await coordinator.get('/api/inspectors?pageSize=200');
    expect(all.total).toBeGreaterThan(own.total);
    expect(all.rows.some((r: object) => 'id_card' in r)).toBe(false);
    const colleague = await inspector.get('/api/inspectors?pageSize=200');
    expect(colleague.total).toBe(own.total);
    expect(colleague.rows.some((r: object) => 'id_card' in r)).toBe(false);
    const detail = await coordinator.get(`/api/inspectors/${own.rows[0].id}`);
    expect('id_card' in detail).toBe(false);
    expect((await deptAdmin.get(`/api/inspectors/${own.rows[0].id}`)).id_card).toBe(own.rows[0].id_card);
  });

  it('keeps a district out of another district’s inspectors', async () => {
    const futian = await t.database.db
      .selectFrom('inspector as i')
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .select('i.id')
      .where('o.code', '=', '440304-SAMR')
      .executeTakeFirstOrThrow();
    expect((await deptAdmin.request('GET', `/api/inspectors/${futian.id}`)).status).toBe(403);
    expect(
      (await deptAdmin.request('POST', `/api/inspectors/${futian.id}/deactivate`, { reason: 'x' })).status,
    ).toBe(403);
  });

  it('flags expired and expiring certificates from today’s date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const expired = await coordinator.get('/api/inspectors?cert=expired&pageSize=200');
    expect(expired.total).toBeGreaterThan(0);
    for (const r of expired.rows) {
      expect(r.cert_expires_on < today).toBe(true);
      expect(r.cert_state).toBe('expired');
      expect(r.days_to_expiry).toBeLessThan(0);
    }
    const expiring = await coordinator.get('/api/inspectors?cert=expiring&pageSize=200');
    for (const r of expiring.rows) expect(r.days_to_expiry).toBeGreaterThanOrEqual(0);
    for (const r of expiring.rows) expect(r.days_to_expiry).toBeLessThan(60);
    const all = await coordinator.get('/api/inspectors?pageSize=1');
    const valid = await coordinator.get('/api/inspectors?cert=valid&pageSize=1');
    const none = await coordinator.get('/api/inspectors?cert=none&pageSize=1');
    expect(expired.total + expiring.total + valid.total + none.total).toBe(all.total);
  });

  it('exports the filtered list, with the ID-card column only for the department’s administrators', async () => {
    const own = await deptAdmin.download('/api/inspectors/export?format=xlsx&status=on_duty');
    const book = XLSX.read(own.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets[book.SheetNames[0]]);
    const onDuty = await deptAdmin.get('/api/inspectors?status=on_duty&pageSize=1');
    expect(rows).toHaveLength(onDuty.total);
    expect(rows.every((r) => r.人员状态 === '在岗' && /^\d{17}[\dX]$/.test(r.身份证号))).toBe(true);
    const city = await coordinator.download('/api/inspectors/export?format=csv');
    const header = city.bytes.toString('utf8').slice(1).split('\r\n')[0];
    expect(header).toContain('执法证号');
    expect(header).not.toContain('身份证号');
    expect(city.bytes.toString('utf8')).not.toMatch(/\d{17}[\dX]/);
  });

  it('creates and edits an inspector, validating each field, and suspends instead of deleting', async () => {
    const body = {
      name: '测试员',
      certNo: 'T440305000001',
      certExpiresOn: '2030-12-31',
      orgId: nanshanSamr.id,
      qualifications: ['食品安全', '特种设备'],
      status: 'on_duty',
      idCard: idCard('44030519900101001'),
    };
    const bad = async (patch: object) =>
      (await deptAdmin.request('POST', '/api/inspectors', { ...body, ...patch })).json();
    expect(await bad({ idCard: '440305199001010010' })).toMatchObject({
      field: 'idCard',
      message: '身份证号校验位错误（应为 8）',
    });
    expect(await bad({ certExpiresOn: '2030-02-30' })).toMatchObject({ field: 'certExpiresOn' });
    const futian = await t.database.db
      .selectFrom('org')
      .select('id')
      .where('code', '=', '440304-SAMR')
      .executeTakeFirstOrThrow();
    expect(await bad({ orgId: futian.id })).toMatchObject({ field: 'orgId' });
    expect((await coordinator.request('POST', '/api/inspectors', body)).status).toBe(403);

    const created = await deptAdmin.request('POST', '/api/inspectors', body);
    expect(created.status).toBe(201);
    const { id } = created.json();
    expect((await deptAdmin.request('POST', '/api/inspectors', body)).status).toBe(409);
    const edited = await deptAdmin.request('PUT', `/api/inspectors/${id}`, {
      ...body,
      isLeader: true,
      idCard: undefined,
    });
    expect(edited.json()).toEqual({ changed: ['is_leader'] });
    const detail = await deptAdmin.get(`/api/inspectors/${id}`);
    expect(detail).toMatchObject({ is_leader: true, id_card: body.idCard, cert_state: 'valid' });
    expect(JSON.stringify(detail.changes)).not.toContain(body.idCard);

    await deptAdmin.request('POST', `/api/inspectors/${id}/deactivate`, { reason: '调离执法岗位' });
    expect((await deptAdmin.get(`/api/inspectors/${id}`)).status).toBe('suspended');
  });

  it('records conflicts declared by the inspector themself and withdraws them', async () => {
    const self = inspector.user.inspectorId!;
    const entity = await t.database.db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('region_code', 'like', '440305%')
      .executeTakeFirstOrThrow();
    const declared = await inspector.request('POST', `/api/inspectors/${self}/conflicts`, {
      entityId: entity.id,
      kind: 'kin',
      reason: '配偶在该单位任职',
    });
    expect(declared.status).toBe(201);
    const other = (await deptAdmin.get('/api/inspectors?pageSize=5')).rows.find(
      (r: { id: string }) => r.id !== self,
    );
    expect(
      (
        await inspector.request('POST', `/api/inspectors/${other.id}/conflicts`, {
          party: 'x',
          kind: 'other',
          reason: 'y',
        })
      ).status,
    ).toBe(403);
    const detail = await deptAdmin.get(`/api/inspectors/${self}`);
    const conflict = detail.conflicts.find((c: { id: string }) => c.id === declared.json().id);
    expect(conflict).toMatchObject({
      entity_name: entity.name,
      party: entity.name,
      kind: 'kin',
      withdrawn_on: null,
    });
    expect(
      (await inspector.request('POST', `/api/inspectors/${self}/conflicts/${conflict.id}/withdraw`)).status,
    ).toBe(200);
    const after = await deptAdmin.get(`/api/inspectors/${self}`);
    expect(after.conflicts.find((c: { id: string }) => c.id === conflict.id).withdrawn_on).not.toBeNull();
  });

  it('imports inspectors into the departments of the importer’s subtree only', async () => {
    const csv = [
      '姓名,执法证号,执法证有效期,所属部门,所属所,执法资质,是否组长,身份证号',
      `王五,T440305000101,2029-06-30,南山监管局,粤海所,食品安全、药品,是,${idCard('44030519850505001')}`,
      `赵六,T440305000102,2025-01-31,深圳市市场监督管理局南山监管局,,特种设备,否,`,
      `钱七,T440304000103,2029-06-30,福田监管局,,食品安全,否,`,
    ].join('\r\n');
    const upload = await deptAdmin.upload('/api/imports?kind=inspectors', '人员.csv', csv);
    expect(upload.status).toBe(201);
    const { job } = upload.json();
    await deptAdmin.request('POST', `/api/imports/${job.id}/run`, { dryRun: false });
    expect(await finished(deptAdmin, job.id)).toMatchObject({ status: 'done', inserted: 2, rejected: 1 });
    const issues = await deptAdmin.get(`/api/imports/${job.id}/issues`);
    expect(issues.rows[0]).toMatchObject({ line: 4, field: 'department', value: '福田监管局' });
    const [wang] = (await deptAdmin.get('/api/inspectors?q=T440305000101')).rows;
    expect(wang).toMatchObject({
      org_id: nanshanSamr.id,
      office_name: '粤海市场监督管理所',
      region_code: '440305007',
      is_leader: true,
      qualifications: ['食品安全', '药品'],
    });
    expect((await deptAdmin.get('/api/inspectors?q=t440305000102')).rows[0]).toMatchObject({
      name: '赵六',
      cert_state: 'expired',
    });
  });
});
