// Credit-risk classification at city scale: full runs of every business (set-based SQL, one
// partition per snapshot), a dry run, and incremental re-scores of one business, on PostgreSQL with
// Shenzhen's 6.43 million businesses and on PGlite with fewer. The obvious alternative, scoring
// business by business, is the re-score itself: its time per business, times the city, is shown.
//
//   node bench/credit.ts [--entities 6430000] [--pglite 500000] [--runs 3] [--rescores 200] [--fresh]
//
// Loading the city takes minutes, so the PostgreSQL database (tianping_bench_credit) is kept and
// reused while it holds the same city; --fresh loads it again. The runs this benchmark adds are
// removed at the end, so the database stays as the loader left it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { activeModel, rescore, runNow } from '../src/modules/credit/service.ts';
import { DEMO_TODAY } from '../src/seed/index.ts';
import { loadDemoCity } from '../src/seed/load.ts';
import { median, peakRssMb, percentile, report, SERVER_URL, throwawayDatabase, timed } from './lib.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '6430000' },
    pglite: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    rescores: { type: 'string', default: '200' },
    fresh: { type: 'boolean', default: false },
  },
});
const ENTITIES = Number(values.entities);
const PGLITE_ENTITIES = Number(values.pglite);
const RUNS = Number(values.runs);
const RESCORES = Number(values.rescores);
const SEED = 'bench';
const KEPT_DATABASE = 'tianping_bench_credit';
const TRIGGER = 'bench';

const log = (backend: string, text: string) => console.log(`[${backend}] ${text}`);

/** The kept PostgreSQL database, loaded with the city unless it already holds it. */
async function keptDatabase(): Promise<Database> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [KEPT_DATABASE]);
  if (values.fresh && exists.rowCount) await admin.query(`drop database ${KEPT_DATABASE} with (force)`);
  if (values.fresh || !exists.rowCount) await admin.query(`create database ${KEPT_DATABASE}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${KEPT_DATABASE}`;
  const database = await connect({ databaseUrl: url.toString() });
  await migrate(database);
  const demo = await database.db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', 'demo')
    .executeTakeFirst();
  const loaded = demo?.value as { entities?: number; seed?: string } | undefined;
  const snapshot = await database.db
    .selectFrom('credit_run')
    .select('id')
    .where('trigger', '=', 'seed')
    .where('status', '=', 'completed')
    .executeTakeFirst();
  if (loaded?.entities === ENTITIES && loaded.seed === SEED && snapshot) {
    log('postgres', `reusing ${KEPT_DATABASE} (${ENTITIES} businesses)`);
    return database;
  }
  await load(database, 'postgres', ENTITIES);
  return database;
}

async function load(database: Database, backend: string, entities: number) {
  const { ms, value } = await timed(() =>
    loadDemoCity(database, { entities, inspectors: 8452, seed: SEED, dataDir: tmpdir() }, (step) =>
      log(backend, step),
    ),
  );
  log(backend, `loaded in ${(ms / 1000).toFixed(0)} s: ${JSON.stringify(value.counts)}`);
}

/** The date `days` after the demo's today: runs a month apart see their events decay. */
const after = (days: number) =>
  new Date(Date.parse(DEMO_TODAY) + days * 86_400_000).toISOString().slice(0, 10);

async function measure(database: Database, backend: 'postgres' | 'pglite', entities: number) {
  // A production server vacuums on its own (autovacuum); the loader's first classification left
  // the replaced class versions behind.
  log(backend, 'vacuum analyze');
  await sql`vacuum (analyze) entity, credit_event`.execute(database.db);
  const [{ n: events }] = (
    await sql<{ n: number }>`select count(*)::int as n from credit_event`.execute(database.db)
  ).rows;

  const full: number[] = [];
  const rows: Record<string, string | number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const asOf = after(30 * i);
    const { ms, value } = await timed(() => runNow(database, null, { kind: 'full', trigger: TRIGGER, asOf }));
    full.push(ms);
    log(backend, `full run as of ${asOf}: ${(ms / 1000).toFixed(1)} s, ${value.changed} changed`);
    rows.push({
      backend,
      what: `full run ${i + 1} (as of ${asOf})`,
      businesses: value.total ?? 0,
      events,
      seconds: (ms / 1000).toFixed(1),
      'changed class': value.changed ?? 0,
    });
  }
  const model = await activeModel(database);
  const dry = await timed(() =>
    runNow(database, null, { kind: 'dry_run', trigger: TRIGGER, modelId: model.id }),
  );
  log(backend, `dry run: ${(dry.ms / 1000).toFixed(1)} s`);
  rows.push({
    backend,
    what: 'dry run (counts only)',
    businesses: dry.value.total ?? 0,
    events,
    seconds: (dry.ms / 1000).toFixed(1),
    'changed class': dry.value.changed ?? 0,
  });

  // Incremental re-scores of spread-out businesses, one at a time.
  const { rows: sample } = await sql<{ id: string }>`
    select id from entity where status = 'active' and in_directory
    order by md5(id::text) limit ${RESCORES}`.execute(database.db);
  const one: number[] = [];
  for (const { id } of sample) one.push((await timed(() => rescore(database, [id], TRIGGER))).ms);
  log(backend, `re-score p50 ${percentile(one, 50).toFixed(1)} ms, p95 ${percentile(one, 95).toFixed(1)} ms`);
  rows.push({
    backend,
    what: `full run, median of ${RUNS}`,
    businesses: rows[0].businesses,
    events,
    seconds: (median(full) / 1000).toFixed(1),
    'changed class': '',
  });
  rows.push({
    backend,
    what: `re-score one business ×${RESCORES}: p50 / p95 ms`,
    businesses: 1,
    events: '',
    seconds: `${percentile(one, 50).toFixed(1)} / ${percentile(one, 95).toFixed(1)}`,
    'changed class': '',
  });
  rows.push({
    backend,
    what: 'business by business (re-score mean × all), estimate',
    businesses: rows[0].businesses,
    events,
    seconds: (((one.reduce((s, x) => s + x, 0) / one.length) * Number(rows[0].businesses)) / 1000).toFixed(0),
    'changed class': '',
  });
  return { rows, fullMs: median(full), entities, p50: percentile(one, 50), p95: percentile(one, 95) };
}

/** Removes what the benchmark added: its runs, their partitions and re-scores. */
async function prune(database: Database) {
  const runs = await database.db
    .selectFrom('credit_run')
    .select(['id', 'seq', 'kind'])
    .where('trigger', '=', TRIGGER)
    .execute();
  for (const run of runs.filter((r) => r.kind === 'full'))
    await sql`drop table if exists ${sql.table(`credit_score_r${run.seq}`)}`.execute(database.db);
  if (runs.length) {
    await sql`delete from credit_score_incremental where run_seq = any(${runs.map((r) => r.seq)}::int[])`.execute(
      database.db,
    );
    await database.db.deleteFrom('credit_run').where('trigger', '=', TRIGGER).execute();
  }
}

const results: Record<string, string | number>[] = [];
const context: Record<string, unknown> = {};

// PostgreSQL at city scale.
{
  const database = await keptDatabase();
  try {
    await activeModel(database);
    const m = await measure(database, 'postgres', ENTITIES);
    results.push(...m.rows);
    const size = await sql<{ size: string }>`
      select pg_size_pretty(pg_total_relation_size(c.oid)) as size from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'credit_score'::regclass and c.relname ~ '^credit_score_r' limit 1`.execute(
      database.db,
    );
    context.postgres = {
      fullSeconds: m.fullMs / 1000,
      rescoreP50: m.p50,
      rescoreP95: m.p95,
      snapshotSize: size.rows[0]?.size,
    };
    await prune(database);
  } finally {
    await database.close();
  }
}

// PGlite at a smaller size.
if (PGLITE_ENTITIES > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-credit-'));
  const { database, dispose } = await throwawayDatabase('pglite', join(dir, 'pg'));
  try {
    await load(database, 'pglite', PGLITE_ENTITIES);
    const m = await measure(database, 'pglite', PGLITE_ENTITIES);
    results.push(...m.rows);
    const pgPerMillion = (context.postgres as { fullSeconds: number }).fullSeconds / (ENTITIES / 1e6);
    const plPerMillion = m.fullMs / 1000 / (PGLITE_ENTITIES / 1e6);
    context.pglite = { fullSeconds: m.fullMs / 1000, rescoreP50: m.p50, rescoreP95: m.p95 };
    context.ratio = `PGlite takes ${(plPerMillion / pgPerMillion).toFixed(1)}× PostgreSQL's time per business`;
    log('pglite', String(context.ratio));
  } finally {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

report('credit', results, {
  entities: ENTITIES,
  pgliteEntities: PGLITE_ENTITIES,
  peakRssMb: peakRssMb(),
  ...context,
});
