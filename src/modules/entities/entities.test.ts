import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { uscc } from '../../../test/support/messy.ts';

describe('the business directory', () => {
  let t: TestApp;
  let coordinator: Agent;
  let nanshan: Agent;
  let deptAdmin: Agent;
  beforeAll(async () => {
    t = await testApp();
    coordinator = await t.login('coordinator');
    nanshan = await t.login('inspector');
    deptAdmin = await t.login('dept_admin');
  });
  afterAll(() => t.close());

  /** Businesses in the directory, counted straight from the table. */
  const count = async (filter: { nameLike?: string; regionPrefix?: string } = {}) => {
    let query = t.database.db.selectFrom('entity').where('in_directory', '=', true);
    if (filter.nameLike) query = query.where('name', 'like', filter.nameLike);
    if (filter.regionPrefix) query = query.where('region_code', 'like', `${filter.regionPrefix}%`);
    return Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  };

  describe('search', () => {
    it('finds a business by a piece of its name, and by its USCC or 注册号', async () => {
      const target = await t.database.db
        .selectFrom('entity')
        .select(['id', 'name', 'identifier', 'reg_no'])
        .where('kind', '=', 'enterprise')
        .where('uscc', 'is not', null)
        .orderBy('identifier')
        .executeTakeFirstOrThrow();
      const piece = target.name.replace(/^深圳市/, '').slice(0, 4);
      const byName = await coordinator.get(`/api/entities?q=${encodeURIComponent(piece)}&pageSize=200`);
      expect(byName.rows.map((r: { id: string }) => r.id)).toContain(target.id);
      expect(byName.rows.every((r: { name: string }) => r.name.includes(piece))).toBe(true);
      expect(byName.total).toBe(await count({ nameLike: `%${piece}%` }));

      const byCode = await coordinator.get(`/api/entities?q=${target.identifier.toLowerCase()}`);
      expect(byCode.rows.map((r: { id: string }) => r.id)).toEqual([target.id]);
      const legacy = await t.database.db
        .selectFrom('entity')
        .select(['id', 'reg_no'])
        .where('uscc', 'is', null)
        .executeTakeFirstOrThrow();
      expect((await coordinator.get(`/api/entities?q=${legacy.reg_no}`)).rows[0].id).toBe(legacy.id);
    });

    it('finds a two-character trade name through the bigram index', async () => {
      const target = await t.database.db
        .selectFrom('entity')
        .select(['id', 'name'])
        .where('kind', '=', 'enterprise')
        .orderBy('identifier', 'desc')
        .executeTakeFirstOrThrow();
      const pair = target.name.replace(/^深圳市/, '').slice(0, 2);
      const found = await coordinator.get(`/api/entities?q=${encodeURIComponent(pair)}&pageSize=200`);
      expect(found.total).toBe(await count({ nameLike: `%${pair}%` }));
      expect(found.rows.map((r: { id: string }) => r.id)).toContain(target.id);
    });

    it('treats % and _ in the search text as characters, and asks for two characters at least', async () => {
      expect((await coordinator.get('/api/entities?q=%25%25')).total).toBe(0);
      expect((await coordinator.get('/api/entities?q=_x_')).total).toBe(0);
      const one = await coordinator.request('GET', `/api/entities?q=${encodeURIComponent('华')}`);
      expect(one.status).toBe(400);
      expect(one.json()).toMatchObject({ field: 'q' });
    });

    it('filters by region, industry, class, status, kind and tag, and sorts', async () => {
      const list = await coordinator.get(
        '/api/entities?region=440305&industry=F&creditClass=A&status=active&kind=individual&tag=食品经营&pageSize=200&sort=registered_on&desc=true',
      );
      expect(list.total).toBeGreaterThan(0);
      expect(list.totalExact).toBe(true);
      for (const row of list.rows) {
        expect(row).toMatchObject({ credit_class: 'A', status: 'active', kind: 'individual' });
        expect(row.region_code.startsWith('440305')).toBe(true);
        expect(row.industry_code).toMatch(/^5[12]/);
        expect(row.tags).toContain('食品经营');
        expect(row.region_name).toMatch(/^广东省深圳市南山区/);
      }
      const dates = list.rows.map((r: { registered_on: string }) => r.registered_on);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('pages without overlap and counts exactly below the cap', async () => {
      const total = await count();
      const first = await coordinator.get('/api/entities?pageSize=50&page=1&sort=name');
      const second = await coordinator.get('/api/entities?pageSize=50&page=2&sort=name');
      expect(first.total).toBe(total);
      const ids = new Set([...first.rows, ...second.rows].map((r: { id: string }) => r.id));
      expect(ids.size).toBe(100);
      expect(first.rows.at(-1).name <= second.rows[0].name).toBe(true);
    });
  });

  describe('scope', () => {
    it('keeps a Nanshan inspector out of Futian: list, detail, history and export', async () => {
      const futian = await t.database.db
        .selectFrom('entity')
        .select('id')
        .where('region_code', 'like', '440304%')
        .executeTakeFirstOrThrow();
      expect((await nanshan.request('GET', `/api/entities/${futian.id}`)).status).toBe(403);
      expect((await nanshan.request('GET', `/api/entities/${futian.id}/history`)).status).toBe(403);
      expect((await nanshan.request('GET', '/api/entities?region=440304')).status).toBe(400);
      const exported = await nanshan.download('/api/entities/export?format=csv');
      const lines = exported.bytes.toString('utf8').trimEnd().split('\r\n');
      expect(lines.length - 1).toBe(await count({ regionPrefix: '440305' }));
      expect(lines.slice(1).every((line) => line.includes(',440305'))).toBe(true);
      expect((await nanshan.request('POST', '/api/entities/x/deactivate', { reason: 'x' })).status).toBe(403);
    });
  });

  describe('export', () => {
    it('writes what the filter says, as CSV with a BOM and as .xlsx with codes as text', async () => {
      const query = 'region=440305&creditClass=C&sort=name';
      const list = await coordinator.get(`/api/entities?${query}&pageSize=200`);
      const csv = await coordinator.download(`/api/entities/export?${query}&format=csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['x-export-truncated']).toBe('false');
      expect(String(csv.headers['content-disposition'])).toContain("filename*=UTF-8''");
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, ...rows] = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(header.split(',').slice(0, 3)).toEqual(['统一社会信用代码', '注册号', '名称']);
      expect(rows).toHaveLength(list.total);

      const xlsx = await coordinator.download(`/api/entities/export?${query}&format=xlsx`);
      const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
      const sheet = book.Sheets[book.SheetNames[0]];
      const records = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
      expect(records).toHaveLength(list.total);
      expect(
        records.every((r) => r.信用风险分类 === 'C' && String(r.行政区划代码).startsWith('440305')),
      ).toBe(true);
      expect(records.map((r) => r.名称)).toEqual(list.rows.map((r: { name: string }) => r.name));
      expect(sheet.A2.t).toBe('s');
    });
  });

  describe('create, edit, remove from the directory', () => {
    const code = uscc('1', '440305', 'MA5W0001');
    let id: string;

    it('validates each field and names it', async () => {
      const body = {
        uscc: code,
        name: '深圳市新建测试有限公司',
        kind: 'enterprise',
        regionCode: '440305007',
        status: 'active',
      };
      const bad = async (patch: object) =>
        (await deptAdmin.request('POST', '/api/entities', { ...body, ...patch })).json();
      expect(await bad({ uscc: '91350100M000100Y4Z' })).toMatchObject({
        field: 'uscc',
        message: '统一社会信用代码校验位错误（应为 3）',
      });
      expect(await bad({ uscc: null })).toMatchObject({ field: 'uscc' });
      expect(await bad({ regionCode: '440304001' })).toMatchObject({ field: 'regionCode' });
      expect(await bad({ regionCode: '449999' })).toMatchObject({ field: 'regionCode' });
      expect(await bad({ industryCode: '9999' })).toMatchObject({ field: 'industryCode' });
      expect(await bad({ tags: ['不存在'] })).toMatchObject({ field: 'tags' });
      expect(await bad({ kind: 'company' })).toMatchObject({ field: 'kind' });
      expect((await nanshan.request('POST', '/api/entities', body)).status).toBe(403);

      const created = await deptAdmin.request('POST', '/api/entities', {
        ...body,
        tags: ['食品经营'],
        industryCode: '5212',
      });
      expect(created.status).toBe(201);
      id = created.json().id;
      expect((await deptAdmin.request('POST', '/api/entities', body)).status).toBe(409);
    });

    it('edits, never changes a recorded code, and keeps the history', async () => {
      const detail = await deptAdmin.get(`/api/entities/${id}`);
      expect(detail).toMatchObject({
        identifier: code,
        industry_name: '超级市场零售',
        region_name: '广东省深圳市南山区粤海街道',
      });
      expect(detail.tag_details[0]).toMatchObject({ name: '食品经营', required_qualification: '食品安全' });
      const body = {
        uscc: code,
        name: '深圳市新建测试（更名）有限公司',
        kind: 'enterprise',
        regionCode: '440305007',
        status: 'active',
        phone: '0755-12345678',
        tags: ['食品经营'],
        industryCode: '5212',
      };
      expect((await deptAdmin.request('PUT', `/api/entities/${id}`, body)).json()).toEqual({
        changed: ['name', 'phone'],
      });
      const changed = await deptAdmin.request('PUT', `/api/entities/${id}`, {
        ...body,
        uscc: uscc('1', '440305', 'MA5W0002'),
      });
      expect(changed.json()).toMatchObject({ field: 'uscc' });
      const history = await deptAdmin.get(`/api/entities/${id}/history`);
      expect(history.changes.map((c: { action: string }) => c.action)).toEqual([
        'entity.updated',
        'entity.created',
      ]);
      expect(history.changes[0].after).toEqual({
        name: '深圳市新建测试（更名）有限公司',
        phone: '0755-12345678',
      });
      expect(history).toMatchObject({ inspections: [], results: [] });
    });

    it('removes a business from the directory without deleting it, and restores it', async () => {
      expect(
        (await deptAdmin.request('POST', `/api/entities/${id}/deactivate`, { reason: '已迁出本市' })).status,
      ).toBe(200);
      expect((await deptAdmin.get(`/api/entities?q=${code}`)).total).toBe(0);
      expect((await deptAdmin.get(`/api/entities?q=${code}&directory=out`)).rows[0]).toMatchObject({
        id,
        in_directory: false,
      });
      expect((await deptAdmin.get(`/api/entities/${id}`)).in_directory).toBe(false);
      await deptAdmin.request('POST', `/api/entities/${id}/reactivate`, { reason: '误操作' });
      expect((await deptAdmin.get(`/api/entities?q=${code}`)).total).toBe(1);
      const history = await deptAdmin.get(`/api/entities/${id}/history`);
      expect(history.changes.slice(0, 2).map((c: { action: string }) => c.action)).toEqual([
        'entity.restored',
        'entity.removed',
      ]);
    });
  });
});
