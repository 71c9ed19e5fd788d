// An inspection on a 375-px phone in Chromium: the inspector opens the task, fills the checklist,
// attaches a photo and submits; the reviewer approves and the record is ready for publication; a
// returned record goes back with its reason; an edit made offline is kept and synced when back online.
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { NANSHAN_SAMR, orgId } from '../support/draws.ts';
import { checklistItem, cleanRecord, type DrawnTask, drawnTasks } from '../support/inspections.ts';
import { type E2E, startE2E } from './support.ts';

/** The phone, the server and the database share two cores with other test runs: be patient. */
const WAIT = { timeout: 15_000 };

let e: E2E;
let tasks: DrawnTask[];
beforeAll(async () => {
  e = await startE2E({ inspectors: 400 });
  const samr = await orgId(e.t.database, NANSHAN_SAMR);
  const { itemId } = await checklistItem(e.t.database, samr, 'E2E-1', '营业执照与信息公示检查');
  tasks = await drawnTasks(e.t, [{ itemId }], { count: 3 });
});
afterAll(() => e?.close());

/** A real PNG made here: 8×8 pixels of one colour. */
function png(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: 8 }, () => [r, g, b]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function phone(
  options: { serviceWorker?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e.browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    baseURL: e.baseUrl,
    geolocation: { latitude: 22.5333, longitude: 113.9304, accuracy: 15 },
    permissions: ['geolocation'],
    // Unless a test is about it, the app's service worker stays out of the way of the emulated network.
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
  // A step that cannot happen fails with its locator instead of hanging until the test's timeout.
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, username: string, path = '/my-tasks') {
  await page.goto(path);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const record = (taskId: string) =>
  e.t.database.db.selectFrom('inspection').selectAll().where('task_id', '=', taskId).executeTakeFirst();

describe('inspection on a phone', () => {
  it('opens the task, fills the checklist, attaches a photo and submits; the reviewer approves; ready for publication', async () => {
    const [task] = tasks;
    const lead = task.team[0];
    const { context, page } = await phone();
    await signIn(page, lead.username);
    // The inspector lands on 我的任务 and opens the task.
    const card = page.locator(`[data-testid="task-card"][data-task="${task.taskId}"]`);
    await card.waitFor();
    await card.getByTestId('open-task').click();
    await page.getByText('检查组').first().waitFor();
    expect(await page.getByTestId('team').locator('[data-lead="true"]').count()).toBe(1);

    await page.getByText('现场检查', { exact: true }).click();
    await page.getByTestId('start-visit').click();
    await expect.poll(() => page.getByTestId('visit-start').textContent(), WAIT).toContain('已定位');

    await page.getByRole('tab', { name: '检查表' }).click();
    for (const no of ['1.1.1', '1.1.2', '2.1.1'])
      await page.getByTestId(`content-${no}`).getByText('符合', { exact: true }).click();

    await page.getByRole('tab', { name: '结果' }).click();
    await page.getByTestId('code-1').click();
    await page.getByText('无需后续处置', { exact: true }).click();

    await page.getByRole('tab', { name: /证据/ }).click();
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: png(200, 30, 30) });
    await page.getByTestId('evidence-item').waitFor();
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole('tab', { name: '概况' }).click();
    await page.getByTestId('end-visit').click();
    const submit = page.getByTestId('submit');
    await expect.poll(() => submit.isEnabled(), WAIT).toBe(true);
    await submit.click();
    await expect
      .poll(() => page.getByTestId('record-status').first().getAttribute('data-status'), WAIT)
      .toBe('submitted');

    const stored = await record(task.taskId);
    expect(stored).toMatchObject({ status: 'submitted', method: 'onsite' });
    expect(stored?.start_location).toMatchObject({ lat: 22.5333, lng: 113.9304 });
    const evidence = await e.t.database.db
      .selectFrom('evidence')
      .selectAll()
      .where('inspection_id', '=', stored!.id)
      .execute();
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ kind: 'photo', media_type: 'image/png' });
    expect(evidence[0].thumbnail_path).not.toBeNull();
    await context.close();

    // The reviewer approves on a phone too.
    const reviewer = await phone();
    await signIn(reviewer.page, 'reviewer', '/review');
    await reviewer.page
      .getByTestId('review-row')
      .filter({ hasText: await entityName(task) })
      .click();
    await reviewer.page.getByTestId('approve').click();
    await reviewer.page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await reviewer.page.getByTestId('ready-for-publication').waitFor();
    expect(await reviewer.page.getByTestId('ready-for-publication').textContent()).toContain(
      stored!.publishable_by!,
    );
    await reviewer.page.goto('/publication');
    const row = reviewer.page.getByTestId('due-row').filter({ hasText: await entityName(task) });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('approved');
    expect(await noOverflow(reviewer.page)).toBeLessThanOrEqual(0);
    await reviewer.context.close();
  });

  it('sends a returned record back to the team with its reason', async () => {
    const task = tasks[1];
    const lead = task.team[0];
    const synced = await cleanRecord(lead, task.taskId);
    const submitted = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: synced.record.version,
    });
    expect(submitted.status).toBe(200);

    const reviewer = await phone();
    await signIn(reviewer.page, 'reviewer', `/review/${submitted.json().id}`);
    await reviewer.page.getByTestId('return').click();
    await reviewer.page.getByTestId('return-reason-input').fill('营业执照照片不清晰，请重新拍摄');
    await reviewer.page
      .getByRole('button', { name: '退 回' })
      .or(reviewer.page.getByRole('button', { name: '退回' }))
      .last()
      .click();
    await expect.poll(async () => (await record(task.taskId))?.status, WAIT).toBe('returned');
    await reviewer.context.close();

    const { context, page } = await phone();
    await signIn(page, lead.username);
    const card = page.locator(`[data-testid="task-card"][data-task="${task.taskId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('营业执照照片不清晰，请重新拍摄');
    await card.getByTestId('open-task').click();
    await page.getByTestId('return-reason').waitFor();
    expect(await page.getByTestId('return-reason').textContent()).toContain('营业执照照片不清晰，请重新拍摄');
    await context.close();
  });

  it('keeps an edit made offline and syncs it when the network is back', async () => {
    const task = tasks[2];
    const lead = task.team[0];
    const findings = async () =>
      e.t.database.db
        .selectFrom('inspection_finding as f')
        .innerJoin('inspection as i', 'i.id', 'f.inspection_id')
        .select(['f.content_no', 'f.result', 'f.note'])
        .where('i.task_id', '=', task.taskId)
        .orderBy('f.content_no')
        .execute();
    const { context, page } = await phone();
    await signIn(page, lead.username, `/my-tasks/${task.taskId}`);
    await page.getByRole('tab', { name: '检查表' }).click();
    await page.getByTestId('content-1.1.1').getByText('符合', { exact: true }).click();
    await expect.poll(async () => (await findings()).length, WAIT).toBe(1);

    await context.setOffline(true);
    await page.getByTestId('content-1.1.2').getByText('不符合', { exact: true }).click();
    await page.getByTestId('note-1.1.2').fill('实际经营地址与登记住所不一致');
    await page.getByTestId('note-1.1.2').blur();
    const state = page.getByTestId('sync-state');
    await expect.poll(() => state.getAttribute('data-online'), WAIT).toBe('false');
    await expect.poll(() => state.getAttribute('data-waiting'), WAIT).toBe('2');
    expect(await state.textContent()).toContain('离线');
    expect((await findings()).map((f) => f.content_no)).toEqual(['1.1.1']);
    expect(await page.getByTestId('content-1.1.2').getAttribute('class')).toContain('tp-result-not');

    await context.setOffline(false);
    await expect.poll(() => state.getAttribute('data-waiting'), WAIT).toBe('0');
    expect(await findings()).toEqual([
      { content_no: '1.1.1', result: 'compliant', note: '' },
      { content_no: '1.1.2', result: 'not', note: '实际经营地址与登记住所不一致' },
    ]);
    await context.close();
  });
});

describe('a page opened without a network', () => {
  it('loads from the phone (app shell, session, task) and keeps what is entered until the network is back', async () => {
    const task = tasks[2];
    const lead = task.team[0];
    const result = async (no: string) =>
      (
        await e.t.database.db
          .selectFrom('inspection_finding as f')
          .innerJoin('inspection as i', 'i.id', 'f.inspection_id')
          .select(['f.result'])
          .where('i.task_id', '=', task.taskId)
          .where('f.content_no', '=', no)
          .executeTakeFirst()
      )?.result;
    const { context, page } = await phone({ serviceWorker: true });
    await signIn(page, lead.username, `/my-tasks/${task.taskId}`);
    await page.getByRole('tab', { name: '检查表' }).click();
    await page.getByTestId('content-1.1.2').getByText('不符合', { exact: true }).click();
    await expect.poll(() => result('1.1.2'), WAIT).toBe('not');
    // The worker takes the page over once activated (clients.claim).
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    // Once the worker controls the page, a reload puts the shell and the page's files in its cache.
    await page.reload();
    await page.getByRole('tab', { name: '检查表' }).waitFor();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('tab', { name: '检查表' }).click();
    // What was synced before is on screen from the phone's copy.
    expect(await page.getByTestId('content-1.1.2').getAttribute('class')).toContain('tp-result-not');
    await page.getByTestId('content-2.1.1').getByText('不适用', { exact: true }).click();
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-waiting'), WAIT).toBe('1');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-waiting'), WAIT).toBe('0');
    expect(await result('2.1.1')).toBe('na');
    await context.close();
  });
});

async function entityName(task: DrawnTask) {
  const { name } = await e.t.database.db
    .selectFrom('entity')
    .select('name')
    .where('id', '=', task.entityId)
    .executeTakeFirstOrThrow();
  return name;
}
