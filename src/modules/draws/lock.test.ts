// Two server instances never draw the same plan twice: two `tianping draw run` processes against one
// PostgreSQL database. PGlite is one process with one connection, so this file runs on PostgreSQL only.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { NANSHAN_SAMR, orgId, planBody, publishedPlan } from '../../../test/support/draws.ts';
import { connect } from '../../db/connection.ts';
import { lockPlan } from './service.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../cli.ts');

describe.skipIf(!process.env.DATABASE_URL)('the draw lock across processes', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await testApp();
    env = {
      ...process.env,
      DATABASE_URL: t.database.url,
      TIANPING_DATA_DIR: mkdtempSync(join(tmpdir(), 'tianping-lock-')),
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => t?.close());

  /** One `tianping draw run` process: its exit code and everything it printed. */
  const drawRun = async (planId: string) => {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [cli, 'draw', 'run', planId, '--values', '3,1,4'],
        { env },
      );
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, out: stdout + stderr };
    }
  };

  const drawsOf = (planId: string) =>
    t.database.db.selectFrom('draw').select(['id', 'status']).where('plan_id', '=', planId).execute();

  it('refuses both processes with 正在由另一实例抽取 while another instance holds the plan', async () => {
    const dept = await t.login('dept_admin');
    const plan = await publishedPlan(
      dept,
      planBody(await orgId(t.database, NANSHAN_SAMR), { name: '锁测试一' }),
    );
    const other = await connect({ databaseUrl: t.database.url, poolSize: 1 });
    try {
      const results = await other.transaction(async ({ db }) => {
        await lockPlan(db, plan.id);
        return Promise.all([drawRun(plan.id), drawRun(plan.id)]);
      });
      for (const { code, out } of results) {
        expect(code).toBe(3);
        expect(out).toContain('正在由另一实例抽取');
      }
      expect(await drawsOf(plan.id)).toEqual([]);
    } finally {
      await other.close();
    }
    // Once the other instance is done, the plan can be drawn.
    expect((await drawRun(plan.id)).code).toBe(0);
  });

  it('lets exactly one of two simultaneous processes draw the plan', async () => {
    const dept = await t.login('dept_admin');
    const plan = await publishedPlan(
      dept,
      planBody(await orgId(t.database, NANSHAN_SAMR), { name: '锁测试二' }),
    );
    const results = await Promise.all([drawRun(plan.id), drawRun(plan.id)]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 3]);
    expect(results.find((r) => r.code === 3)!.out).toMatch(/正在由另一实例抽取|该批次已有抽取/);
    const draws = await drawsOf(plan.id);
    expect(draws).toEqual([expect.objectContaining({ status: 'completed' })]);
    const tasks = await t.database.db
      .selectFrom('task')
      .select('entity_id')
      .where('plan_id', '=', plan.id)
      .execute();
    expect(new Set(tasks.map((x) => x.entity_id)).size).toBe(tasks.length);
  });
});
