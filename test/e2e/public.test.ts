// The public portal on a 375-px phone in Chromium, without signing in: a citizen looks a business up
// from the home page and reads its published inspections, filters the results by a result code,
// opens the statistics with their charts, and follows a published plan's batch to its draw. No page
// of the portal ever requests a chunk of the staff app. (The verifier is tested in draws.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support.ts';

const WAIT = { timeout: 15_000 };
const DIST = new URL('../../web/dist/', import.meta.url).pathname;

/** Every chunk an HTML entry can load, through static and lazy imports of its script. */
function chunksOf(html: string): Set<string> {
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(
    readFileSync(join(DIST, html), 'utf8'),
  )![1];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(DIST, 'assets', file), 'utf8');
    for (const m of code.matchAll(
      /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g,
    ))
      visit(m[1]);
  };
  visit(entry);
  return seen;
}

let e: E2E;
/** Chunks of the staff app that the portal has no reason to load. */
let staffOnly: Set<string>;
/** Every script the portal's pages asked for, across the tests. */
const requested: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  const portal = chunksOf('public.html');
  staffOnly = new Set([...chunksOf('index.html')].filter((file) => !portal.has(file)));
});
afterAll(() => e?.close());

async function phone(): Promise<Page> {
  const page = await e.page({ width: 375, height: 740 });
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) requested.push(path.replace(/^\/assets\//, ''));
  });
  return page;
}

/** Opens a section from the phone's menu. */
async function openSection(page: Page, section: string) {
  await page.getByTestId('nav-open').click();
  await page.locator('.ant-drawer').getByTestId(`nav-${section}`).click();
  await page.waitForURL(new RegExp(`/public/${section}`));
}

// Each test walks several pages in a browser; a loaded CI machine needs more than the default 30 s.
describe('the public portal on a phone', { timeout: 90_000 }, () => {
  it('looks a business up from the home page and shows its published inspections', async () => {
    const { name, identifier } = await e.t.database.db
      .selectFrom('inspection as i')
      .innerJoin('task as t', 't.id', 'i.task_id')
      .innerJoin('entity as e', 'e.id', 't.entity_id')
      .select(['e.name', 'e.identifier'])
      .where('i.status', '=', 'published')
      .orderBy('e.identifier')
      .executeTakeFirstOrThrow();
    const page = await phone();
    await page.goto('/public/');
    await expect
      .poll(() => page.getByTestId('stat-published').getAttribute('data-value'), WAIT)
      .toMatch(/^[1-9]/);
    // The charts wait for the statistics page.
    expect(requested.some((file) => file.startsWith('echarts-'))).toBe(false);

    // One character is refused, with the server's reason.
    const search = page.getByPlaceholder('企业名称（至少 2 个字）或统一社会信用代码');
    await search.fill('店');
    await search.press('Enter');
    await page.waitForURL(/\/public\/businesses\?q=/);
    await expect.poll(() => page.locator('.ant-alert-error').textContent(), WAIT).toContain('至少两个字');

    // Part of the name finds it.
    const part = [...name].slice(-4).join('');
    const again = page.getByPlaceholder('企业名称（至少 2 个字）或统一社会信用代码');
    await again.fill(part);
    await again.press('Enter');
    await page.getByTestId('business-hit').filter({ hasText: name }).first().click(WAIT);
    await page.waitForURL(`**/public/businesses/${identifier}`);
    await page.getByTestId('public-inspection').first().waitFor(WAIT);
    expect(await page.getByTestId('business-identifier').textContent()).toBe(identifier);
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('filters the published results by a result code', async () => {
    const { code } = await e.t.database.db
      .selectFrom('inspection_result_code as c')
      .innerJoin('inspection as i', 'i.id', 'c.inspection_id')
      .select('c.code')
      .where('i.status', '=', 'published')
      .where('c.code', '!=', '1')
      .groupBy('c.code')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .executeTakeFirstOrThrow();
    const page = await phone();
    await page.goto('/public/');
    await openSection(page, 'results');
    await page.locator('.ant-table-row').first().waitFor(WAIT);

    await page.locator('.tp-toolbar .ant-select', { hasText: '全部检查结果' }).click();
    // Type only once the list is open, or the keys go nowhere and the option stays unrendered.
    await page.locator('.ant-select-dropdown .ant-select-item-option').first().waitFor(WAIT);
    await page.keyboard.type(code);
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: new RegExp(`^${code} `) })
      .click();
    await page.waitForURL(new RegExp(`code=${code}`));
    await expect
      .poll(async () => {
        const rows = page.locator('.ant-table-row');
        const n = await rows.count();
        const tagged = await page.locator(`.ant-table-row:has([data-code="${code}"])`).count();
        return n > 0 && n === tagged;
      }, WAIT)
      .toBe(true);
  });

  it('shows the statistics with charts', async () => {
    const page = await phone();
    await page.goto('/public/stats');
    await expect
      .poll(() => page.getByTestId('stat-published').getAttribute('data-value'), WAIT)
      .toMatch(/^[1-9]/);
    await page.getByTestId('chart-month').locator('canvas').waitFor(WAIT);
    await page.getByTestId('chart-code').locator('canvas').waitFor(WAIT);
    await page.getByTestId('chart-department').locator('canvas').waitFor(WAIT);
  });

  it("follows a published plan's batch to its draw", async () => {
    const draw = await e.t.database.db
      .selectFrom('draw as d')
      .innerJoin('plan as p', 'p.id', 'd.plan_id')
      .select(['d.code', 'p.name'])
      .where('p.status', '=', 'published')
      .executeTakeFirstOrThrow();
    const page = await phone();
    await page.goto('/public/');
    await openSection(page, 'plans');
    const search = page.getByPlaceholder('搜索计划名称或编号');
    await search.fill(draw.name);
    await search.press('Enter');
    await page.getByTestId('plan-link').filter({ hasText: draw.name }).first().click(WAIT);
    await page.waitForURL(/\/public\/plans\/P\d+/);
    await page.getByTestId('plan-ratios').waitFor(WAIT);
    await page.getByTestId('batch-draw').filter({ hasText: draw.code }).click();
    await page.waitForURL(`**/public/draws/${draw.code}`);
    await expect.poll(() => page.locator('h4').first().textContent(), WAIT).toContain(draw.code);
  });

  it('never requests a chunk of the staff app', () => {
    expect(staffOnly.size).toBeGreaterThan(0);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((file) => staffOnly.has(file))).toEqual([]);
    expect(requested.some((file) => file.startsWith('echarts-'))).toBe(true);
  });
});
