import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { MESSY, messyEntityWorkbook, uscc, writeFixture } from '../../../test/support/messy.ts';
import { importRows, readWorkbook } from '../../core/import/index.ts';
import { connect } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { verifyChain } from '../audit/repo.ts';
import { rootOrg } from '../orgs/repo.ts';
import * as repo from './repo.ts';
import { createImportJob, type ImportScope, rejectedWorkbookSheets, runImportJob } from './service.ts';

const HAINAN = new URL('../../../test/fixtures/hainan-2020-random-inspection-items.xlsx', import.meta.url)
  .pathname;
const dir = mkdtempSync(join(tmpdir(), 'tianping-imports-'));

describe('the import pipeline', () => {
  let database: TestDatabase;
  let rootId: string;
  beforeAll(async () => {
    database = await testDatabase();
    rootId = (await rootOrg(database.db))!.id;
  });
  afterAll(() => database.dispose());

  async function importFile(
    kind: 'items' | 'joint_items' | 'entities' | 'inspectors',
    path: string,
    options: {
      dryRun?: boolean;
      year?: number;
      scope?: ImportScope;
      overrides?: Record<string, string>;
    } = {},
  ) {
    const jobId = await createImportJob(database, {
      kind,
      fileName: path,
      filePath: path,
      fileSize: 0,
      orgId: rootId,
      createdBy: null,
      actor: { id: null, name: 'tester' },
      year: options.year,
      scope: options.scope,
      overrides: options.overrides,
    });
    return runImportJob(database, jobId, { dryRun: options.dryRun ?? false });
  }
  const count = async (table: 'entity' | 'inspection_item' | 'inspector') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('the Hainan 2020 list', () => {
    // Figures from the file itself, through the import core's in-memory reader.
    const fromFile = importRows(
      'items',
      readWorkbook(readFileSync(HAINAN), 'hainan.xlsx')[0].rows,
    ).records.map((r) => r.record);

    it('lands all 293 items, with department, category, type, methods, subject and legal basis', async () => {
      expect(fromFile).toHaveLength(293);
      const summary = await importFile('items', HAINAN, { year: 2020 });
      expect(summary).toMatchObject({
        inserted: 293,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        warnings: 0,
        rows: 387,
      });
      const items = await database.db
        .selectFrom('inspection_item')
        .selectAll()
        .where('year', '=', 2020)
        .execute();
      expect(items).toHaveLength(293);
      for (const item of items) {
        for (const text of [
          item.owner_department,
          item.category,
          item.name,
          item.target,
          item.subject,
          item.legal_basis,
        ]) {
          expect(text.trim()).not.toBe('');
        }
        expect(item.methods.length).toBeGreaterThan(0);
        expect(item.code).toMatch(/^JC-\d{6}$/);
        expect(item.org_id).toBe(rootId);
      }
      const split = (rows: { item_type: string }[]) => [
        rows.filter((i) => i.item_type === 'general').length,
        rows.filter((i) => i.item_type === 'key').length,
      ];
      expect(split(items)).toEqual(split(fromFile));
      expect(split(items)).toEqual([263, 30]);
      const departments = (rows: { owner_department: string }[]) =>
        Object.fromEntries(
          [...Map.groupBy(rows, (i) => i.owner_department)].map(([d, list]) => [d, list.length]).sort(),
        );
      expect(departments(items)).toEqual(departments(fromFile));
      expect(Object.keys(departments(items))).toHaveLength(16);
      expect(new Set(items.map((i) => i.code)).size).toBe(293);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await database.db.selectFrom('inspection_item').selectAll().orderBy('code').execute();
      const summary = await importFile('items', HAINAN, { year: 2020 });
      expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 293, rejected: 0 });
      expect(await database.db.selectFrom('inspection_item').selectAll().orderBy('code').execute()).toEqual(
        before,
      );
    });

    it('runs a dry run of another year completely and changes nothing', async () => {
      const items = await count('inspection_item');
      const audit = await verifyChain(database.db);
      const summary = await importFile('items', HAINAN, { year: 2022, dryRun: true });
      expect(summary).toMatchObject({ dryRun: true, inserted: 293, updated: 0 });
      expect(await count('inspection_item')).toBe(items);
      expect((await verifyChain(database.db)).events).toBe(audit.events);
      const job = await repo.findJob(database.db, summary.jobId);
      expect(job).toMatchObject({ status: 'done', dry_run: true, inserted: 293 });
    });

    it('gives an item the same code in every year of the list', async () => {
      await importFile('items', HAINAN, { year: 2021 });
      const codes = await database.db
        .selectFrom('inspection_item')
        .select(['year', 'code', 'name', 'target'])
        .orderBy('code')
        .execute();
      const byYear = (year: number) =>
        codes.filter((c) => c.year === year).map((c) => `${c.code} ${c.name} ${c.target}`);
      expect(byYear(2021)).toEqual(byYear(2020));
      expect(byYear(2021)).toHaveLength(293);
    });
  });

  describe('a messy register', () => {
    let path: string;
    beforeAll(() => {
      path = writeFixture(dir, '南山区名录.xlsx', messyEntityWorkbook());
    });

    it('keeps valid rows, rejects the invalid ones with reasons, merges duplicates and warns', async () => {
      const summary = await importFile('entities', path);
      // Lines 4 and 12 are one business (12 wins); 5 (damaged USCC, no 注册号), 7 (industry 9999)
      // and 11 (no code) are rejected; 6 is kept under its 注册号, 9 with an unknown authority code.
      expect(summary).toMatchObject({
        rows: 9,
        inserted: 5,
        updated: 0,
        unchanged: 0,
        rejected: 3,
        warnings: 4,
      });
      const issues = (await repo.listIssues(database.db, summary.jobId, { page: 1, pageSize: 50 })).rows;
      expect(issues.map((i) => [i.line, i.severity, i.field])).toEqual([
        [4, 'warning', 'uscc'],
        [5, 'error', 'uscc'],
        [6, 'warning', 'uscc'],
        [7, 'error', 'industry_code'],
        [9, 'warning', 'region_code'],
        [11, 'error', 'uscc'],
        [12, 'warning', 'phone'],
      ]);
      expect(issues[0].reason).toBe('与第 12 行重复（统一社会信用代码或注册号相同），已合并，以第 12 行为准');
      expect(issues[2]).toMatchObject({ value: '9.14690062012665E+17', column_name: '统一社会信用代码' });
      expect(issues[2].reason).toMatch(/转成数字而损坏.*已按注册号导入/);
      expect(issues[3]).toMatchObject({ column_name: '行业代码', value: '9999' });

      const stored = await database.db.selectFrom('entity').selectAll().orderBy('identifier').execute();
      expect(stored.map((e) => e.identifier)).toEqual(
        [MESSY.regNo, MESSY.national, MESSY.futian, MESSY.enterprise, MESSY.cooperative].sort(),
      );
      const byId = new Map(stored.map((e) => [e.identifier, e]));
      expect(byId.get(MESSY.enterprise)).toMatchObject({
        name: '深圳市某某科技有限公司（更名）',
        region_code: '440305',
        reg_address: '深圳市南山区粤海街道科技园2号',
        industry_code: '6513',
        registered_on: '2019-03-05',
        // Line 12 wins over line 4 as a whole: its empty capital and unreadable phone stay empty.
        capital_wan: null,
        phone: null,
        status: 'active',
        kind: 'enterprise',
      });
      expect(byId.get(MESSY.regNo)).toMatchObject({
        uscc: null,
        name: '深圳市南山区老字号商店',
        status: 'revoked',
        region_code: '440305',
        biz_address: '深圳市南山区南头街道1号',
      });
      expect(byId.get(MESSY.cooperative)).toMatchObject({
        kind: 'cooperative',
        industry_code: '6210',
        capital_wan: '100.0000',
        status: 'deregistered',
      });
      expect(byId.get(MESSY.national)?.region_code).toBe('100000');
      expect(stored.every((e) => e.org_id === rootId)).toBe(true);
    });

    it('gives the rejected rows back as a spreadsheet with the file header and a 原因 column', async () => {
      const [job] = (await repo.listJobs(database.db, '/', 1, 1)).rows;
      const full = (await repo.findJob(database.db, job.id))!;
      const [rejected, issues] = await rejectedWorkbookSheets(database, full);
      expect(rejected.header).toEqual([
        '统一社会信用代码',
        '注册号',
        '企业名称',
        '住所',
        '经营场所',
        '行业代码',
        '成立日期',
        '登记状态',
        '注册资本（万元）',
        '所属专项库',
        '联系电话',
        '原行号',
        '原因',
      ]);
      expect(rejected.rows.map((r) => r.at(-2))).toEqual([5, 7, 11]);
      expect(rejected.rows[0][0]).toBe('9.1440305E+17');
      expect(rejected.rows[1][2]).toBe('南山区张三小吃店');
      expect(rejected.rows[1].at(-1)).toMatch(/^行业代码：行业代码“9999”不是 GB\/T 4754-2017 中的代码$/);
      expect(issues.rows).toHaveLength(7);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await database.db.selectFrom('entity').selectAll().orderBy('identifier').execute();
      const summary = await importFile('entities', path);
      expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 3 });
      expect(await database.db.selectFrom('entity').selectAll().orderBy('identifier').execute()).toEqual(
        before,
      );
    });

    it('updates only what a later file changes, and never erases with an empty cell', async () => {
      const csv = [
        '统一社会信用代码,企业名称,联系电话,行业代码',
        `${MESSY.enterprise},深圳市某某科技有限公司（更名）,0755-26000002,`,
        `${MESSY.cooperative},深圳市南山区某某农民专业合作社,,`,
      ].join('\r\n');
      const summary = await importFile('entities', writeFixture(dir, 'update.csv', iconv.encode(csv, 'gbk')));
      expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
      const row = await database.db
        .selectFrom('entity')
        .selectAll()
        .where('uscc', '=', MESSY.enterprise)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        phone: '0755-26000002',
        industry_code: '6513',
        reg_address: '深圳市南山区粤海街道科技园2号',
      });
    });

    it('rejects businesses outside the importer’s region', async () => {
      const summary = await importFile('entities', path, {
        dryRun: true,
        scope: { regionPrefix: '440305', orgPath: '/' },
      });
      const issues = (
        await repo.listIssues(database.db, summary.jobId, { severity: 'error', page: 1, pageSize: 50 })
      ).rows;
      expect(issues.map((i) => [i.line, i.field])).toContainEqual([13, 'region_code']);
      expect(issues.find((i) => i.line === 9)?.reason).toMatch(/不在您的管辖范围内/);
      expect(summary.rejected).toBe(5);
    });
  });

  it('leaves the register as it was when an import fails half way', async () => {
    const before = await database.db.selectFrom('entity').selectAll().orderBy('identifier').execute();
    const events = (await verifyChain(database.db)).events;
    // A fault the validators cannot see: the database refuses one row during the upsert.
    await sql`create function refuse_row() returns trigger language plpgsql as $$
      begin if new.name = '触发失败' then raise exception 'refused'; end if; return new; end $$`.execute(
      database.db,
    );
    await sql`create trigger refuse_row before insert or update on entity for each row execute function refuse_row()`.execute(
      database.db,
    );
    const csv = [
      '统一社会信用代码,企业名称,联系电话',
      `${MESSY.enterprise},又一次更名,0755-26000009`,
      `${uscc('1', '440305', 'MA5T0009')},新公司,`,
      `${uscc('1', '440305', 'MA5T0010')},触发失败,`,
    ].join('\n');
    await expect(importFile('entities', writeFixture(dir, 'fails.csv', csv))).rejects.toThrow(/refused/);
    expect(await database.db.selectFrom('entity').selectAll().orderBy('identifier').execute()).toEqual(
      before,
    );
    expect((await verifyChain(database.db)).events).toBe(events);
    const [job] = (await repo.listJobs(database.db, '/', 1, 1)).rows;
    expect(job).toMatchObject({ status: 'failed', inserted: 0 });
    expect(job.error).toMatch(/refused/);
    await sql`drop trigger refuse_row on entity`.execute(database.db);
  });

  it('reads a file with headers it does not know once they are mapped', async () => {
    const path = writeFixture(
      dir,
      'codes.csv',
      `TYXYDM,QYMC,SSQY\r\n${uscc('1', '440306', 'MA5T0011')},宝安某某有限公司,440306017\r\n`,
    );
    await expect(importFile('entities', path)).rejects.toThrow(/未找到表头/);
    const summary = await importFile('entities', path, {
      overrides: { TYXYDM: '统一社会信用代码', QYMC: 'name', SSQY: '行政区划代码' },
    });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    const row = await database.db
      .selectFrom('entity')
      .select(['region_code', 'name'])
      .where('name', '=', '宝安某某有限公司')
      .executeTakeFirstOrThrow();
    expect(row.region_code).toBe('440306017');
  });

  it('drops a registered capital too large to store, with a warning, and keeps the row', async () => {
    const code = uscc('1', '440306', 'MA5T0012');
    const path = writeFixture(
      dir,
      'capital.csv',
      `统一社会信用代码,企业名称,注册资本\n${code},巨资公司,99999999999999999999万元\n`,
    );
    const summary = await importFile('entities', path);
    expect(summary).toMatchObject({ inserted: 1, rejected: 0, warnings: 1 });
    expect(summary.issues[0].reason).toBe('注册资本“99999999999999999999万元”超出可登记的范围，已忽略');
  });

  it('imports a joint list with its cooperating departments', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['2026年度跨部门联合抽查事项清单'],
      ['序号', '抽查领域', '抽查事项', '检查对象', '发起部门', '配合部门'],
      [
        1,
        '网吧',
        '互联网上网服务营业场所经营活动检查',
        '网吧',
        '市文广旅体局',
        '市公安局、市消防救援支队\n市市场监管局',
      ],
      [2, '校外培训', '校外培训机构检查', '校外培训机构', '市教育局', '市市场监管局'],
      [3, '网吧', '互联网上网服务营业场所经营活动检查', '网吧', '市文广旅体局', '市公安局'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '联合');
    const path = writeFixture(
      dir,
      '联合.xlsx',
      new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })),
    );
    const summary = await importFile('joint_items', path, { year: 2026 });
    expect(summary).toMatchObject({ inserted: 2, rejected: 0, warnings: 1 });
    const joint = await database.db
      .selectFrom('inspection_item')
      .selectAll()
      .where('is_joint', '=', true)
      .orderBy('seq')
      .execute();
    expect(joint.map((j) => [j.name, j.initiating_department, j.cooperating_departments, j.field])).toEqual([
      ['校外培训机构检查', '市教育局', ['市市场监管局'], '校外培训'],
      ['互联网上网服务营业场所经营活动检查', '市文广旅体局', ['市公安局'], '网吧'],
    ]);
  });
});

describe('a large import into an empty register', () => {
  it('loads with deferred indexes and gives the same register, indexes and counts', async () => {
    const registers: unknown[] = [];
    const indexes: unknown[] = [];
    for (const bulkRows of [1, Number.MAX_SAFE_INTEGER]) {
      const database = await testDatabase();
      try {
        const root = (await rootOrg(database.db))!;
        const path = writeFixture(dir, 'bulk.xlsx', messyEntityWorkbook());
        const jobId = await createImportJob(database, {
          kind: 'entities',
          fileName: path,
          filePath: path,
          fileSize: 0,
          orgId: root.id,
          createdBy: null,
          actor: { id: null, name: 'tester' },
        });
        const summary = await runImportJob(database, jobId, { dryRun: false, bulkRows });
        expect(summary).toMatchObject({
          inserted: 5,
          updated: 0,
          rejected: 3,
          warnings: 4,
          bulk: bulkRows === 1,
        });
        registers.push(
          await database.db
            .selectFrom('entity')
            .select(['identifier', 'name', 'region_code', 'status', 'kind', 'tags'])
            .orderBy('identifier')
            .execute(),
        );
        const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
          where tablename = 'entity' order by indexname`.execute(database.db);
        indexes.push(rows.map((r) => r.indexdef));
        // The key constraints are back: a duplicate code is refused.
        await expect(
          database.db
            .insertInto('entity')
            .values({
              uscc: MESSY.enterprise,
              identifier: MESSY.enterprise,
              name: 'x',
              kind: 'other',
              region_code: '440305',
              org_id: root.id,
            })
            .execute(),
        ).rejects.toThrow(/duplicate key/);
      } finally {
        await database.dispose();
      }
    }
    expect(registers[0]).toEqual(registers[1]);
    // A bulk dry run skips the index builds: the rollback restores the indexes it dropped.
    const database = await testDatabase();
    try {
      const root = (await rootOrg(database.db))!;
      const path = writeFixture(dir, 'bulk-dry.xlsx', messyEntityWorkbook());
      const jobId = await createImportJob(database, {
        kind: 'entities',
        fileName: path,
        filePath: path,
        fileSize: 0,
        orgId: root.id,
        createdBy: null,
        actor: { id: null, name: 'tester' },
      });
      expect(await runImportJob(database, jobId, { dryRun: true, bulkRows: 1 })).toMatchObject({
        bulk: true,
        inserted: 5,
      });
      const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
        where tablename = 'entity' order by indexname`.execute(database.db);
      expect(rows.map((r) => r.indexdef)).toEqual(indexes[0]);
      expect(await database.db.selectFrom('entity').select('id').execute()).toEqual([]);
    } finally {
      await database.dispose();
    }
    expect(indexes[0]).toEqual(indexes[1]);
    expect((indexes[0] as string[]).some((d) => d.includes('gin_trgm_ops'))).toBe(true);
  });
});

describe('tianping import', () => {
  const run = promisify(execFile);
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['bin/tianping.js', 'import', ...args], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout,
        err: e.stderr,
      }),
    );
  const lastLine = (out: string) => out.trimEnd().split('\n').at(-1);

  // Four command-line runs, each starting Node and opening the database: slow on a busy machine.
  it('ends with the counts line, and a second run changes nothing', async () => {
    let env: Record<string, string>;
    let dispose = async () => {};
    if (process.env.DATABASE_URL) {
      const database = await testDatabase();
      env = { DATABASE_URL: database.url! };
      dispose = () => database.dispose();
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'tianping-cli-'));
      const database = await connect({ dataDir: join(dataDir, 'pg') });
      await migrate(database);
      await database.close();
      env = { TIANPING_DATA_DIR: dataDir };
    }
    const path = writeFixture(dir, 'cli.xlsx', messyEntityWorkbook());
    const report = join(dir, 'rejected.xlsx');
    const dry = await cli(['entities', path, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(lastLine(dry.out)).toBe('imported: 5 inserted, 0 updated, 3 rejected, 4 warnings');
    const first = await cli(['entities', path, '--report', report], env);
    expect(lastLine(first.out)).toBe('imported: 5 inserted, 0 updated, 3 rejected, 4 warnings');
    const rejected = XLSX.read(readFileSync(report), { type: 'array' });
    expect(
      XLSX.utils
        .sheet_to_json<Record<string, unknown>>(rejected.Sheets[rejected.SheetNames[0]])
        .map((r) => r.原行号),
    ).toEqual([5, 7, 11]);
    const second = await cli(['entities', path, '--map', '所属专项库=标签'], env);
    expect(lastLine(second.out)).toBe('imported: 0 inserted, 0 updated, 3 rejected, 4 warnings');
    const bad = await cli(['entities', path, '--map', 'X=不存在的字段'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('“不存在的字段”不是检查对象名录的字段');
    await dispose();
  }, 120_000);
});
