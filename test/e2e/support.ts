// End-to-end tests: the real server (built web app included) over a fresh database with a small
// demo city, driven by Debian's Chromium through playwright-core. Never a downloaded browser.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type TestApp, testApp } from '../support/app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh context (own cookies), desktop-sized unless a width is given. */
  page(options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2E(city?: { entities?: number; inspectors?: number }): Promise<E2E> {
  const t = await testApp(city);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        locale: options.locale ?? 'zh-CN',
        baseURL: `http://127.0.0.1:${port}`,
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await t.close();
    },
  };
}
