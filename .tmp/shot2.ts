import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3107';
const [user, ...paths] = process.argv.slice(2);
const width = Number(process.env.W ?? 1280);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', baseURL: base });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('PAGE ERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto('/');
await page.getByTestId('login-username').fill(user);
await page.getByTestId('login-password').fill('Tianping2026');
await page.getByTestId('login-submit').click();
await page.waitForTimeout(1500);
for (const path of paths) {
  await page.goto(path);
  await page.waitForTimeout(2500);
  const name = `/tmp/shots/${user}${path.replace(/[/?=&]/g, '_')}-${width}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(name);
}
await browser.close();
