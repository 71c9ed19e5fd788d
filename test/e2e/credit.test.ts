// The coordinator changes a weight of the credit model, previews the effect by a dry run,
// activates the new version, classifies every business and sees the distribution change; then
// follows a changed business to its credit profile. Department staff see only their part.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { type E2E, startE2E } from './support.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

async function signIn(page: import('playwright-core').Page, username: string) {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

const shown = async (page: import('playwright-core').Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-value'));

describe('credit-risk classification in Chromium', () => {
  it('lets the coordinator change a weight, preview, activate, run and see the classes move', async () => {
    const page = await e.page();
    await signIn(page, 'coordinator');
    await page.goto('/credit');
    await page.getByTestId('credit-count-D').waitFor();
    const before = await shown(page, 'credit-count-D');

    await page.goto('/credit/model');
    await page.getByTestId('credit-new-draft').click();
    const penalties = page.getByTestId('weight-penalties');
    await penalties.waitFor();
    await penalties.fill('60');
    await page.getByTestId('credit-dry-run').click();
    await page.getByTestId('credit-dry-changed').waitFor();
    const wouldChange = await shown(page, 'credit-dry-changed');
    expect(wouldChange).toBeGreaterThan(0);
    // The preview moved nothing yet.
    await page.goto('/credit');
    await page.getByTestId('credit-count-D').waitFor();
    expect(await shown(page, 'credit-count-D')).toBe(before);

    await page.goto('/credit/model');
    await page.getByTestId('credit-activate').click();
    await page.getByTestId('credit-activate-confirm').click();
    await page.getByTestId('credit-new-draft').waitFor();

    await page.goto('/credit');
    await page.getByTestId('credit-run-now').click();
    await expect.poll(() => shown(page, 'credit-count-D'), { timeout: 20_000 }).toBeGreaterThan(before);
    // What the page shows is what the platform now holds, and the run used the new version.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from entity where credit_class = 'D' and status = 'active' and in_directory`.execute(
      e.t.database.db,
    );
    expect(await shown(page, 'credit-count-D')).toBe(rows[0].n);
    const run = await e.t.database.db
      .selectFrom('credit_run')
      .select(['model_version', 'changed'])
      .where('kind', '=', 'full')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ model_version: 2, changed: wouldChange });
    expect(await shown(page, 'move-B-C')).toBeGreaterThan(0);

    // From the changed-class list to a business's profile: its factors add up to its score.
    await page.goto('/credit/changes?to=D');
    await page.getByTestId('credit-profile-link').first().click();
    await page.getByTestId('profile-class').waitFor();
    expect(await page.getByTestId('profile-class').getAttribute('data-value')).toBe('D');
    const factors = await page
      .locator('[data-testid^="factor-"]')
      .evaluateAll((cells) => cells.reduce((s, c) => s + Number(c.getAttribute('data-value')), 0));
    expect(factors).toBe(await shown(page, 'profile-score'));
  });

  it('shows a department administrator the changes in their district and no model editor', async () => {
    const page = await e.page();
    await signIn(page, 'dept_admin');
    await page.goto('/credit/changes');
    await page.getByTestId('credit-profile-link').first().waitFor();
    await page.goto('/credit/model');
    await expect.poll(() => page.locator('body').textContent()).toContain('无权访问');
  });

  it('keeps the class away from the business role', async () => {
    const page = await e.page();
    await signIn(page, 'business');
    const own = (await page.request.get('/api/auth/session').then((r) => r.json())).user.entityId;
    const profile = await page.request.get(`/api/credit/entities/${own}`);
    expect(profile.status()).toBe(403);
    await page.goto(`/credit/entities/${own}`);
    await expect.poll(() => page.locator('body').textContent()).toContain('无权访问');
  });
});
