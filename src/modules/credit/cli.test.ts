// `tianping credit classify [--json]` in a real process, on a database it opens itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { connect, type Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { loadDemoCity } from '../../seed/load.ts';

const run = promisify(execFile);
let dir: string;
let env: Record<string, string>;
let database: Database & { dispose?: () => Promise<void> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-credit-cli-'));
  if (process.env.DATABASE_URL) {
    const test = await testDatabase();
    database = test;
    env = { DATABASE_URL: test.url! };
  } else {
    database = await connect({ dataDir: join(dir, 'pg') });
    await migrate(database);
    env = { TIANPING_DATA_DIR: dir, DATABASE_URL: '' };
  }
  await loadDemoCity(database, { entities: 1500, inspectors: 60, seed: 'cli-city', dataDir: dir });
  // PGlite is one process's: the CLI opens the data directory after this one lets go.
  if (!process.env.DATABASE_URL) await database.close();
});

afterAll(async () => {
  if (database?.dispose) await database.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const { stdout } = await run(process.execPath, ['src/cli.ts', 'credit', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
  });
  return stdout;
}

async function counts() {
  const db = process.env.DATABASE_URL ? database : await connect({ dataDir: join(dir, 'pg') });
  const { rows } = await sql<{ c: string; n: number }>`
    select credit_class as c, count(*)::int as n from entity where status = 'active' and in_directory
    group by 1`.execute(db.db);
  const runs = await db.db.selectFrom('credit_run').select('id').where('kind', '=', 'full').execute();
  if (!process.env.DATABASE_URL) await db.close();
  return { classes: Object.fromEntries(rows.map((r) => [r.c, r.n])), runs: runs.map((r) => r.id) };
}

describe('tianping credit classify', () => {
  it('runs a full classification and prints the count per class as JSON', async () => {
    const out = JSON.parse(await cli('classify', '--json'));
    const now = await counts();
    expect(out.counts).toEqual({ A: 0, B: 0, C: 0, D: 0, ...now.classes });
    expect(out.total).toBe(Object.values(now.classes).reduce((s, n) => s + n, 0));
    expect(now.runs).toContain(out.snapshot);
    expect(now.runs.length).toBe(2);
  });

  it('prints a table for people', async () => {
    const out = await cli('classify');
    const now = await counts();
    expect(out).toMatch(/^classified [\d,]+ businesses in [\d.]+ s \(model v1, snapshot [0-9a-f-]{36}\)/);
    for (const [c, n] of Object.entries(now.classes))
      expect(out).toMatch(new RegExp(`^  ${c} +${n.toLocaleString('en-US')} +[\\d.]+ %$`, 'm'));
    expect(out).toMatch(/^class changed: 0$/m);
  });

  it('explains its usage', async () => {
    await expect(cli('sort')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: tianping credit classify'),
    });
  });
});
