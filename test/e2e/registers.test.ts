// A district administrator imports a messy register in the browser: fixes the mapping, dry-runs,
// sees why rows are rejected, imports, downloads the rejected rows, and finds the new business in
// the directory. The import pages also work on a phone.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { MESSY, messyEntityWorkbook, writeFixture } from '../support/messy.ts';
import { type E2E, startE2E } from './support.ts';

let e: E2E;
const dir = mkdtempSync(join(tmpdir(), 'tianping-e2e-'));
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

const countOf = async (page: Page, name: string) =>
  Number(await page.getByTestId(`count-${name}`).getAttribute('data-value'));

describe('registers in Chromium', () => {
  it('imports a messy register: mapping, dry run, rejected rows, run, then finds the business', async () => {
    const page = await e.page();
    await signIn(page, 'dept_admin');
    await page.goto('/imports');
    const file = writeFixture(dir, '南山区名录.xlsx', messyEntityWorkbook());
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);

    // The detected mapping, then an edit: the 联系电话 column is left out.
    await page.getByText('工作表“名录”，表头在第 3 行').waitFor();
    await page.getByTestId('map-联系电话').click();
    await page.keyboard.type('不导入');
    await page.keyboard.press('Enter');
    await page.getByTestId('mapping-apply').click();
    await page.getByText('已按新的映射重新识别').waitFor();

    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-counts').waitFor();
    expect(await countOf(page, 'inserted')).toBe(3);
    expect(await countOf(page, 'rejected')).toBe(5);
    const issues = page.getByTestId('import-issues');
    await expect
      .poll(() => issues.textContent(), { timeout: 15_000 })
      .toContain('统一社会信用代码已被表格软件转成数字而损坏');
    expect(await issues.textContent()).toContain('不在您的管辖范围内');
    const before = await e.t.database.db.selectFrom('entity').select('id').execute();

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'inserted')).toBe(3);
    expect(await e.t.database.db.selectFrom('entity').select('id').execute()).toHaveLength(before.length + 3);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-rejected').click(),
    ]);
    expect(download.suggestedFilename()).toBe('南山区名录-被拒绝的行.xlsx');
    const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]]);
    expect(rows.map((r) => r.原行号)).toEqual([5, 7, 9, 11, 13]);
    expect(String(rows[1].原因)).toContain('9999');

    await page.goto(`/entities?q=${MESSY.enterprise}`);
    await page.getByRole('cell', { name: '深圳市某某科技有限公司（更名）' }).click();
    await expect
      .poll(() => page.getByTestId('entity-identifier').textContent(), { timeout: 15_000 })
      .toBe(MESSY.enterprise);
    // Imported without a phone column: the phone stays empty, the region comes from the code.
    expect(await page.getByText('广东省深圳市南山区（440305）').count()).toBe(1);
  });

  it('shows the import, item and inspector pages at 375 px without sideways scrolling', async () => {
    const page = await e.page({ width: 375, height: 740 });
    await signIn(page, 'dept_admin');
    for (const path of ['/imports', '/items', '/inspectors', '/entities']) {
      await page.goto(path);
      await page.locator('.tp-page-header').waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  it('keeps ID cards from the coordinator and shows them to the department’s administrator', async () => {
    const inspector = await e.t.database.db
      .selectFrom('inspector as i')
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .select('i.id')
      .where('o.code', '=', '440305-SAMR')
      .executeTakeFirstOrThrow();
    const admin = await e.page();
    await signIn(admin, 'dept_admin');
    await admin.goto(`/inspectors/${inspector.id}`);
    await expect
      .poll(() => admin.getByTestId('id-card').textContent(), { timeout: 15_000 })
      .toMatch(/^\d{17}[\dX]$/);
    const coordinator = await e.page();
    await signIn(coordinator, 'coordinator');
    await coordinator.goto(`/inspectors/${inspector.id}`);
    await coordinator.getByText('仅本部门管理员可见').waitFor();
    expect(await coordinator.getByTestId('id-card').count()).toBe(0);
  });
});
