import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';

const content = (text = '是否取得有效许可证') => ({
  mains: [
    {
      title: '许可资质',
      subs: [{ title: '许可证', contents: [{ text, method: '查阅资料', compliant: '许可证在有效期内' }] }],
    },
  ],
});

describe('the inspection-item list', () => {
  let t: TestApp;
  let coordinator: Agent;
  let deptAdmin: Agent;
  let futianInspector: Agent;
  beforeAll(async () => {
    t = await testApp({ entities: 500, inspectors: 120 });
    coordinator = await t.login('coordinator');
    deptAdmin = await t.login('dept_admin');
    futianInspector = await t.login('inspector2');
  });
  afterAll(() => t.close());

  it('lists the 2026 list with filters that match the official columns', async () => {
    const all = await coordinator.get('/api/items?year=2026&pageSize=1');
    expect(all.total).toBe(299);
    const samr = await coordinator.get('/api/items?year=2026&department=SAMR&pageSize=200');
    expect(samr.total).toBe(82 + 1);
    expect(samr.rows.every((r: { department: string }) => r.department === 'SAMR')).toBe(true);
    const key = await coordinator.get('/api/items?itemType=key&pageSize=200');
    expect(key.total).toBe(30);
    expect(key.rows.every((r: { checklist_version: number }) => r.checklist_version === 1)).toBe(true);
    const joint = await coordinator.get('/api/items?joint=true');
    expect(joint.total).toBe(6);
    expect(joint.rows[0].cooperating_departments.length).toBeGreaterThan(0);
    const search = await coordinator.get(`/api/items?q=${encodeURIComponent('特种设备')}`);
    expect(search.rows.length).toBeGreaterThan(0);
    const facets = await coordinator.get('/api/items/facets?year=2026');
    expect(facets.years).toEqual([2026]);
    expect(facets.departments[0]).toEqual({ name: '深圳市人力资源和社会保障局', count: 108 });
  });

  it('shows a district the city’s list read-only, and keeps districts out of each other’s lists', async () => {
    const seen = await deptAdmin.get('/api/items?pageSize=1');
    expect(seen.total).toBe(299);
    expect(seen.rows[0].writable).toBe(false);
    const cityItem = seen.rows[0];
    const body = {
      year: 2026,
      ownerDepartment: '南山监管局',
      category: '电动自行车检查',
      name: '电动自行车销售者产品质量检查',
      target: '电动自行车销售者',
      itemType: 'general',
      methods: ['现场检查'],
      subject: '区市场监管部门',
      legalBasis: '《中华人民共和国产品质量法》第十五条',
      ratioBp: 500,
    };
    const created = await deptAdmin.request('POST', '/api/items', body);
    expect(created.status).toBe(201);
    expect(created.json().code).toBe('JC-000300');
    expect((await deptAdmin.get(`/api/items/${created.json().id}`)).writable).toBe(true);
    expect((await futianInspector.request('GET', `/api/items/${created.json().id}`)).status).toBe(403);
    expect((await futianInspector.get('/api/items?pageSize=1')).total).toBe(299);
    const edit = await deptAdmin.request('PUT', `/api/items/${cityItem.id}`, { ...body, name: '改名' });
    expect(edit.status).toBe(403);
    expect((await futianInspector.request('POST', '/api/items', body)).status).toBe(403);
  });

  it('validates an item and names the field', async () => {
    const body = {
      year: 2026,
      ownerDepartment: '深圳市市场监督管理局',
      category: '广告监督检查',
      name: '广告发布登记事项检查',
      target: '广告发布单位',
      itemType: 'general',
      methods: ['现场检查', '书面检查'],
      subject: '市场监管部门',
      legalBasis: '《广告发布登记管理规定》',
    };
    const bad = async (patch: object) =>
      (await coordinator.request('POST', '/api/items', { ...body, ...patch })).json();
    expect(await bad({ ratioBp: 2000 })).toMatchObject({ field: 'ratioBp' });
    expect(await bad({ methods: [] })).toMatchObject({ field: 'methods' });
    expect(await bad({ legalBasis: ' ' })).toMatchObject({
      field: 'legalBasis',
      message: '检查依据不能为空',
    });
    expect(await bad({ isJoint: true, field: '广告', initiatingDepartment: '市市场监管局' })).toMatchObject({
      field: 'cooperatingDepartments',
    });
    const created = await coordinator.request('POST', '/api/items', {
      ...body,
      ratioBp: 2000,
      itemType: 'key',
    });
    expect(created.status).toBe(201);
    expect((await coordinator.get(`/api/items/${created.json().id}`)).owner_org_id).not.toBeNull();
    expect((await coordinator.request('POST', '/api/items', body)).status).toBe(409);
  });

  it('edits checklists as drafts and publishes versions; older versions stay readable', async () => {
    const [item] = (
      await coordinator.get(`/api/items?q=${encodeURIComponent('对特种设备使用单位的监督检查')}`)
    ).rows;
    const detail = await coordinator.get(`/api/items/${item.id}`);
    expect(detail.checklists).toEqual([
      expect.objectContaining({ version: 1, status: 'published', mains: 4, subs: 6 }),
    ]);
    const v1 = await coordinator.get(`/api/items/${item.id}/checklists/1`);
    expect(v1.content.mains[0].title).toBe('使用登记');

    const invalid = await coordinator.request('PUT', `/api/items/${item.id}/checklist-draft`, {
      content: content(' '),
    });
    expect(invalid.json()).toMatchObject({ field: 'content.mains.0.subs.0.contents.0.text' });
    expect(
      (
        await coordinator.request('PUT', `/api/items/${item.id}/checklist-draft`, { content: content() })
      ).json(),
    ).toEqual({
      version: 2,
    });
    expect(
      (
        await coordinator.request('PUT', `/api/items/${item.id}/checklist-draft`, {
          content: content('改后的内容'),
          note: '修订',
        })
      ).json(),
    ).toEqual({ version: 2 });
    expect(
      (await deptAdmin.request('PUT', `/api/items/${item.id}/checklist-draft`, { content: content() }))
        .status,
    ).toBe(403);
    expect(
      (await coordinator.request('POST', `/api/items/${item.id}/checklist-draft/publish`)).json(),
    ).toMatchObject({
      version: 2,
    });
    const after = await coordinator.get(`/api/items/${item.id}`);
    expect(after.checklists.map((c: { version: number; status: string }) => [c.version, c.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(
      (await coordinator.get(`/api/items/${item.id}/checklists/2`)).content.mains[0].subs[0].contents[0].text,
    ).toBe('改后的内容');
    expect((await coordinator.get(`/api/items/${item.id}/checklists/1`)).status).toBe('retired');
    expect((await coordinator.request('POST', `/api/items/${item.id}/checklist-draft/publish`)).status).toBe(
      409,
    );
    await coordinator.request('PUT', `/api/items/${item.id}/checklist-draft`, { content: content() });
    expect((await coordinator.request('POST', `/api/items/${item.id}/checklist-draft/discard`)).status).toBe(
      200,
    );
    expect((await coordinator.get(`/api/items/${item.id}`)).checklists).toHaveLength(2);
  });

  it('copies a year into the next with the same codes and published checklists', async () => {
    const copied = await coordinator.request('POST', '/api/items/copy-year', { from: 2026, to: 2027 });
    const before = await coordinator.get('/api/items?year=2026&pageSize=1');
    expect(copied.json().copied).toBe(before.total);
    const next = await coordinator.get('/api/items?year=2027&itemType=key&pageSize=200');
    const current = await coordinator.get('/api/items?year=2026&itemType=key&pageSize=200');
    expect(next.rows.map((r: { code: string }) => r.code).sort()).toEqual(
      current.rows.map((r: { code: string }) => r.code).sort(),
    );
    const published = (rows: { code: string; checklist_version: number | null }[]) =>
      rows
        .filter((r) => r.checklist_version !== null)
        .map((r) => r.code)
        .sort();
    expect(published(next.rows)).toEqual(published(current.rows));
    expect(published(next.rows)).toHaveLength(30);
    expect(next.rows.every((r: { checklist_version: number | null }) => r.checklist_version !== 2)).toBe(
      true,
    );
    expect(
      (await coordinator.request('POST', '/api/items/copy-year', { from: 2026, to: 2027 })).json().copied,
    ).toBe(0);
  });

  it('exports the filtered list in the official columns', async () => {
    const download = await coordinator.download(
      '/api/items/export?year=2026&department=SAMR&itemType=key&format=xlsx',
    );
    const book = XLSX.read(download.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets[book.SheetNames[0]]);
    expect(rows).toHaveLength(31);
    expect(Object.keys(rows[0]).slice(0, 8)).toEqual([
      '事项编码',
      '年度',
      '编制单位',
      '序号',
      '抽查类别',
      '抽查事项',
      '检查对象',
      '事项类别',
    ]);
    expect(rows.every((r) => r.事项类别 === '重点检查事项' && r.编制单位 === '深圳市市场监督管理局')).toBe(
      true,
    );
  });

  it('takes an item out of the list without deleting it', async () => {
    const [item] = (await coordinator.get('/api/items?year=2026&joint=true')).rows;
    await coordinator.request('POST', `/api/items/${item.id}/deactivate`, { reason: '并入其他事项' });
    expect((await coordinator.get('/api/items?year=2026&joint=true')).total).toBe(5);
    expect((await coordinator.get('/api/items?year=2026&joint=true&active=false')).rows[0].id).toBe(item.id);
    const detail = await coordinator.get(`/api/items/${item.id}`);
    expect(detail.changes[0]).toMatchObject({ action: 'item.deactivated' });
  });
});
