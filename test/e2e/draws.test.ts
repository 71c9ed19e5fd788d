// The joint-meeting office's coordinator plans for Nanshan's market-supervision bureau, files,
// publishes and draws in Chromium; a citizen then verifies the draw's kit in the public verifier, and
// a tampered kit is caught there.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../src/core/draw/index.ts';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { type E2E, startE2E } from './support.ts';

let e: E2E;
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

const confirm = (page: Page) => page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();

describe('draws in Chromium', () => {
  let code = '';

  it('a coordinator plans and draws, and sees the tasks and teams', async () => {
    const page = await e.page();
    await signIn(page, 'coordinator');
    await page.goto('/plans/new');
    await page.getByTestId('plan-name').fill('浏览器抽取测试计划');
    await page.getByTestId('plan-org').click();
    await page.keyboard.type('南山监管局');
    await page.locator('.ant-select-item-option', { hasText: '南山监管局' }).first().click();
    await page.getByTestId('plan-save').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByTestId('plan-file').click();
    await confirm(page);
    await page.getByTestId('plan-publish').click();
    await confirm(page);
    await page.getByTestId('plan-draw').click();

    await page.waitForURL(/\/draws\/new\?/);
    await page.getByTestId('frame-preview').locator('tbody tr').first().waitFor();
    await page.getByTestId('source-description-0').fill('测试：体彩排列5 与福彩3D 同日开奖号码');
    await page.getByTestId('draw-commit').click();
    await page.waitForURL(/\/draws\/[0-9a-f-]{36}$/);
    await page.getByTestId('reveal-0').fill('3 1 4\n1 5 9 2 6');
    await page.getByTestId('draw-reveal').click();
    await page.getByTestId('draw-counts').waitFor();

    const id = page.url().split('/').pop()!;
    const draw = await e.t.database.db
      .selectFrom('draw')
      .innerJoin('org', 'org.id', 'draw.org_id')
      .select(['draw.code', 'draw.status', 'draw.counts', 'org.code as org'])
      .where('draw.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(draw).toMatchObject({ status: 'completed', org: '440305-SAMR' });
    code = draw.code;
    const counts = draw.counts as { tasks: number; unassigned: number };
    expect(counts.tasks).toBeGreaterThan(0);
    expect(await page.getByTestId('unassigned-count').textContent()).toBe(String(counts.unassigned));
    // Teams are shown by certificate number, lead first.
    if (counts.tasks > counts.unassigned) await page.getByTestId('team').first().waitFor();
  });

  it('a citizen verifies the kit in the public verifier, every check passing', async () => {
    const page = await e.page();
    await page.goto(`/public/draws/${code}`);
    await page.getByTestId('verify-this').click();
    await expect
      .poll(() => page.getByTestId('verify-result').textContent(), { timeout: 20_000 })
      .toContain('验证通过');
    const checks = page.locator('[data-testid^="check-"]');
    expect(await checks.count()).toBe(9);
    for (const ok of await checks.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-ok'))))
      expect(ok).toBe('true');
  });

  it('a tampered kit file fails the check it breaks', async () => {
    const page = await e.page();
    const kit: Kit = await (await page.request.get(`/api/public/draws/${code}/kit`)).json();
    const b = kit.result.strata.findIndex((s) => s.picks.length > 0);
    const outsider = kit.frame[b].ids.find(
      (id) => !kit.result.strata[b].picks.includes(id) && !kit.result.strata[b].alternates.includes(id),
    )!;
    kit.result.strata[b].picks[0] = outsider;
    const file = join(tmpdir(), `tampered-${code}.kit.json`);
    writeFileSync(file, JSON.stringify(kit));
    await page.goto('/public/verify');
    await page.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('verify-result').textContent(), { timeout: 20_000 })
      .toContain('验证未通过');
    expect(await page.getByTestId('check-picks').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('check-seed').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => page.getByTestId('check-picks').textContent()).toContain(outsider);
  });

  it('the RFC 3797 tool selects the positions the command line prints', async () => {
    const page = await e.page();
    await page.goto('/public/rfc3797');
    // The page's chunk loads after the document: give it the time a busy machine needs.
    await expect
      .poll(() => page.getByTestId('rfc-positions').textContent(), { timeout: 15_000 })
      .toBe('19 7 21 8 6 17 22 4 14 23');
  });
});
