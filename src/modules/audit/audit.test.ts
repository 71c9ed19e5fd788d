import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { connect, type Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { appendAudit, verifyChain } from './repo.ts';

const actor = { id: null, name: 'tester' };

async function appendFive(database: Database) {
  for (let i = 1; i <= 5; i++) {
    await database.transaction(({ db }) =>
      appendAudit(db, actor, {
        action: 'test.changed',
        subjectType: 'thing',
        subjectId: `T${i}`,
        before: { value: i - 1, at: new Date(Date.UTC(2026, 10, i)) },
        after: { value: i, note: '说明' },
      }),
    );
  }
}

describe('audit chain', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await testDatabase();
    await appendFive(database);
  });
  afterEach(() => database.dispose());

  it('holds for untouched events', async () => {
    expect(await verifyChain(database.db, 2)).toEqual({ events: 5, problems: [] });
  });

  it('finds an edited event', async () => {
    await sql`update audit_event set after = '{"value": 99, "note": "说明"}' where seq = 3`.execute(
      database.db,
    );
    const { problems } = await verifyChain(database.db);
    expect(problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
  });

  it('finds a deleted event in the middle', async () => {
    await sql`delete from audit_event where seq = 2`.execute(database.db);
    const kinds = (await verifyChain(database.db)).problems.map((p) => `${p.seq}:${p.kind}`);
    expect(kinds).toEqual(['3:gap', '3:broken_link']);
  });

  it('finds an event deleted from the end, thanks to the stored head', async () => {
    await sql`delete from audit_event where seq = 5`.execute(database.db);
    expect((await verifyChain(database.db)).problems).toEqual([expect.objectContaining({ kind: 'head' })]);
  });

  it('finds an inserted event even when its author computed a plausible hash', async () => {
    await sql`insert into audit_event (seq, at, actor, action, subject_type, prev_hash, hash)
      select 6, now(), 'intruder', 'test.changed', 'thing', hash, repeat('a', 64) from audit_event where seq = 5`.execute(
      database.db,
    );
    const kinds = (await verifyChain(database.db)).problems.map((p) => p.kind);
    expect(kinds).toEqual(['edited', 'head']);
  });

  it('keeps appending in a line when writers race', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        database.transaction(({ db }) =>
          appendAudit(db, actor, { action: 'race', subjectType: 'thing', subjectId: String(i) }),
        ),
      ),
    );
    expect(await verifyChain(database.db)).toEqual({ events: 13, problems: [] });
  });
});

describe('tianping audit verify', () => {
  const run = promisify(execFile);
  const cli = (env: Record<string, string>) =>
    run(process.execPath, ['bin/tianping.js', 'audit', 'verify'], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('exits 0 on an intact chain and 1 naming the tampered event', async () => {
    let env: Record<string, string>;
    let reopen: () => Promise<Database>;
    let dispose = async () => {};
    if (process.env.DATABASE_URL) {
      const database = await testDatabase();
      await appendFive(database);
      env = { DATABASE_URL: database.url! };
      reopen = async () => database;
      dispose = () => database.dispose();
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'tianping-audit-'));
      const open = () => connect({ dataDir: join(dataDir, 'pg') });
      const database = await open();
      await migrate(database);
      await appendFive(database);
      await database.close();
      env = { TIANPING_DATA_DIR: dataDir };
      reopen = open;
    }
    const intact = await cli(env);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.out).toContain('audit chain intact: 5 events');

    const database = await reopen();
    await sql`update audit_event set actor = 'someone else' where seq = 4`.execute(database.db);
    if (!process.env.DATABASE_URL) await database.close();
    const broken = await cli(env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('event 4: edited');
    await dispose();
  });
});
