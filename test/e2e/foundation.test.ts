// A coordinator signs in, sees the city's real counts on the home page and signs out; a wrong
// password gets a clear Chinese error; the layout works on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { type E2E, startE2E } from './support.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

async function signIn(page: import('playwright-core').Page, username: string, password: string) {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('staff app in Chromium', () => {
  it('shows the coordinator the city counts, then signs out', async () => {
    const page = await e.page();
    await signIn(page, 'coordinator', DEMO_PASSWORD);
    const stat = page.getByTestId('stat-entities');
    await stat.waitFor();
    const total = await e.t.database.db
      .selectFrom('entity')
      .where('in_directory', '=', true)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(await stat.getAttribute('data-value'))).toBe(Number(total.n));
    await expect.poll(() => page.getByTestId('header-org').textContent()).toContain('深圳市');
    await page.locator('canvas').first().waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    const session = await page.request.get('/api/auth/session');
    expect(session.status()).toBe(401);
  });

  it('says in Chinese that the password is wrong', async () => {
    const page = await e.page();
    await signIn(page, 'dept_admin', 'not-the-password-1');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    expect(page.url()).not.toContain('/home');
  });

  it('works at 375 px: the menu opens as a drawer and the counts are readable', async () => {
    const page = await e.page({ width: 375, height: 740 });
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('stat-entities').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('nav-open').click();
    await expect.poll(() => page.getByRole('menuitem').count()).toBeGreaterThan(2);
  });
});
