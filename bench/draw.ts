// A draw at city scale on PostgreSQL (DOMAIN.md §8): 6.43 million businesses, 8,452 inspectors, ratios
// giving ≈ 105,743 picks. Times freeze + commit, the draw of the objects, team assignment and task
// creation separately, and in the same run PostgreSQL's `ORDER BY random() LIMIT n` per stratum (the
// unverifiable way). Medians over the runs; peak RSS of the timed process.
//
//   node bench/draw.ts [--entities 6430000] [--inspectors 8452] [--runs 3] [--target 105743] [--kit] [--verify-kit]
//   node bench/draw.ts --db tianping_bench_xxxx   # reuse a database loaded by an earlier run (--keep)
//
// Loading the city runs in a child process, so the peak RSS reported is the draw's own.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { connect, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { actingUser } from '../src/modules/draws/demo.ts';
import { kitJson } from '../src/modules/draws/kit.ts';
import { abandonDraw, commitDraw, operatorOf, revealDraw } from '../src/modules/draws/service.ts';
import { advancePlan, createPlan } from '../src/modules/plans/service.ts';
import { loadDemoCity } from '../src/seed/load.ts';
import { median, peakRssMb, report, SERVER_URL, throwawayDatabase, timed } from './lib.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '6430000' },
    inspectors: { type: 'string', default: '8452' },
    runs: { type: 'string', default: '3' },
    target: { type: 'string', default: '105743' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    kit: { type: 'boolean', default: false },
    'verify-kit': { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
  },
});

const CITY_SAMR = '440300-SAMR';
/** Henan's published ratios (DOMAIN §4), scaled together to reach the target number of picks. */
const BASE_BP = { A: 100, B: 200, C: 1000, D: 3000 } as const;

async function prepare(): Promise<string> {
  const { database, url } = await throwawayDatabase('postgres');
  const started = performance.now();
  await loadDemoCity(
    database,
    {
      entities: Number(values.entities),
      inspectors: Number(values.inspectors),
      seed: 'bench',
      dataDir: mkdtempSync(join(tmpdir(), 'tianping-bench-draw-')),
    },
    (step) => console.log(`[prepare] ${step}`),
  );
  console.log(`[prepare] loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await database.close();
  return new URL(url!).pathname.slice(1);
}

if (values.prepare) {
  // Child mode: load the city and print the database's name as the last line.
  console.log(await prepare());
  process.exit(0);
}

const dbName =
  values.db ??
  execFileSync(
    process.execPath,
    [import.meta.filename, '--prepare', '--entities', values.entities!, '--inspectors', values.inspectors!],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  )
    .trim()
    .split('\n')
    .at(-1)!;
const url = new URL(SERVER_URL);
url.pathname = `/${dbName}`;
const database: Database = await connect({ databaseUrl: url.toString(), poolSize: 4 });
await migrate(database);

/** Active businesses of the city in the directory, per credit class. */
async function classCounts() {
  const { rows } = await sql<{ c: 'A' | 'B' | 'C' | 'D'; n: number }>`
    select credit_class as c, count(*)::int as n from entity
    where status = 'active' and in_directory and region_code like '4403%' group by 1 order by 1`.execute(
    database.db,
  );
  return Object.fromEntries(rows.map((r) => [r.c, r.n])) as Record<keyof typeof BASE_BP, number>;
}

/** Ratios proportional to BASE_BP whose picks come closest to the target. */
function ratiosFor(counts: Record<keyof typeof BASE_BP, number>, target: number) {
  let best = {
    ratios: BASE_BP as Record<keyof typeof BASE_BP, number>,
    picks: 0,
    off: Number.POSITIVE_INFINITY,
  };
  for (let scale = 0.05; scale <= 3; scale += 0.0005) {
    const ratios = Object.fromEntries(
      Object.entries(BASE_BP).map(([c, bp]) => [c, Math.min(10_000, Math.round(bp * scale))]),
    ) as Record<keyof typeof BASE_BP, number>;
    const picks = (Object.keys(BASE_BP) as (keyof typeof BASE_BP)[]).reduce(
      (n, c) => n + Math.ceil(((counts[c] ?? 0) * ratios[c]) / 10_000),
      0,
    );
    if (Math.abs(picks - target) < best.off) best = { ratios, picks, off: Math.abs(picks - target) };
  }
  return best;
}

const counts = await classCounts();
const { ratios, picks: expectedPicks } = ratiosFor(counts, Number(values.target));
const coordinator = (await actingUser(database, 'coordinator'))!;
const who = operatorOf(coordinator);
const samr = await database.db
  .selectFrom('org')
  .select(['id', 'path'])
  .where('code', '=', CITY_SAMR)
  .executeTakeFirstOrThrow();
const pool = await sql<{ n: number }>`
  select count(*)::int as n from inspector i join org o on o.id = i.org_id
  where o.path like ${`${samr.path}%`}`.execute(database.db);
console.log(
  `frame: ${JSON.stringify(counts)}; ratios (bp): ${JSON.stringify(ratios)}; expected picks ${expectedPicks}`,
);
console.log(`department ${CITY_SAMR}: ${pool.rows[0].n} inspectors of ${values.inspectors}`);

// Other work on the machine slows every stage: the load is kept with the figures.
const loadBefore = loadavg()[0];

type Stage = Record<string, number>;
const stages: Stage[] = [];
const baselines: number[] = [];
let lastDraw = '';
let lastCounts: Record<string, number> = {};

for (let run = 1; run <= Number(values.runs); run++) {
  const { id: planId } = await createPlan(database, coordinator, {
    year: 2026,
    orgId: samr.id,
    name: `基准测试 ${run}`,
    kind: 'single',
    cooperatingOrgIds: [],
    directed: false,
    scope: {},
    ratios,
    alternatesBp: 1000,
    byDistrict: false,
    teamSize: 2,
    crossOffice: true,
    excludeRecentMonths: 12,
    workloadCap: null,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    items: [],
    batches: [],
  });
  await advancePlan(database, coordinator, planId, 'file');
  await advancePlan(database, coordinator, planId, 'publish');
  const batch = await database.db
    .selectFrom('plan_batch')
    .select('id')
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();

  const marks: [string, number][] = [['start', performance.now()]];
  const mark = (stage: string) => marks.push([stage, performance.now()]);
  const { id, commitment } = await commitDraw(
    database,
    who,
    planId,
    { batchId: batch.id, sources: [{ kind: 'values', description: '基准测试号码' }] },
    mark,
  );
  const result = await revealDraw(
    database,
    who,
    id,
    [
      {
        kind: 'values',
        groups: [
          [run, 4, 1],
          [5, 9, 2, 6, 5],
        ],
      },
    ],
    mark,
  );
  const at = Object.fromEntries(marks);
  const stage: Stage = {
    'freeze: frame query': at['frame frozen'] - at.start,
    'freeze: roster': at['roster frozen'] - at['frame frozen'],
    'commit: digest, gzip, store, audit': at['commitment published'] - at['roster frozen'],
    'reveal (seed, audit)': at.revealed - at['commitment published'],
    'draw: load frame (gunzip, split)': at['frame loaded'] - at.revealed,
    'draw: objects (§4)': at['objects drawn'] - at['frame loaded'],
    'teams (§5, all tasks)': at['teams drawn'] - at['objects drawn'],
    '  of which lookups (businesses, previous teams)': at['businesses looked up'] - at['objects drawn'],
    'tasks: create (COPY), audit': at['tasks created'] - at['teams drawn'],
    '  of which picks': at['picks stored'] - at['teams drawn'],
    '  of which tasks': at['tasks stored'] - at['picks stored'],
    '  of which members': at['members stored'] - at['tasks stored'],
    '  of which assignments': at['assignments stored'] - at['members stored'],
  };
  stage['freeze + commit'] = at['commitment published'] - at.start;
  stage['whole pipeline'] = at['tasks created'] - at.start;
  stages.push(stage);

  // The unverifiable way, same strata and numbers: PostgreSQL picks with ORDER BY random().
  const baseline = await timed(async () => {
    for (const { label, sample, alternates } of commitment.strata) {
      if (sample + alternates === 0) continue;
      await sql`select identifier from entity
        where status = 'active' and in_directory and region_code like '4403%' and credit_class = ${label}
        order by random() limit ${sample + alternates}`.execute(database.db);
    }
  });
  baselines.push(baseline.ms);
  console.log(
    `run ${run}: ${result.code} ${JSON.stringify(result.counts)} — ${Object.entries(stage)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
      .join('; ')}; ORDER BY random() ${(baseline.ms / 1000).toFixed(2)} s`,
  );
  lastDraw = id;
  lastCounts = result.counts;
  if (run < Number(values.runs)) await abandonDraw(database, who, id, '基准测试：下一轮前作废，释放任务');
}

let kit: { seconds: number; jsonMb: number; gzipMb: number } | undefined;
if (values.kit) {
  let json = 0;
  let gzipped = 0;
  const counted = async function* () {
    for await (const piece of kitJson(database.db, lastDraw)) {
      json += Buffer.byteLength(piece);
      yield piece;
    }
  };
  const sink = new Writable({
    write(chunk, _encoding, done) {
      gzipped += chunk.length;
      done();
    },
  });
  const { ms } = await timed(() => pipeline(Readable.from(counted()), createGzip({ level: 6 }), sink));
  kit = {
    seconds: Math.round(ms / 100) / 10,
    jsonMb: Math.round(json / 1e5) / 10,
    gzipMb: Math.round(gzipped / 1e5) / 10,
  };
  console.log(`kit export: ${kit.seconds} s, ${kit.jsonMb} MB of JSON, ${kit.gzipMb} MB gzip`);
}

// A citizen's view: the last draw's kit written to a file and checked by `tianping verify` in its own
// process (time and peak RSS from /usr/bin/time).
let verification: { seconds: number; exitCode: number; peakRssMb: number; fileMb: number } | undefined;
if (values['verify-kit']) {
  const file = join(mkdtempSync(join(tmpdir(), 'tianping-kit-')), 'city.kit.json');
  await pipeline(Readable.from(kitJson(database.db, lastDraw)), createWriteStream(file));
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'maxrss %M', process.execPath, join(import.meta.dirname, '../src/cli.ts'), 'verify', file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, LOG_LEVEL: 'silent', TIANPING_DATA_DIR: tmpdir() },
    },
  );
  const ms = performance.now() - started;
  const rss = Number(run.stderr.match(/maxrss (\d+)/)?.[1] ?? 0);
  verification = {
    seconds: Math.round(ms / 100) / 10,
    exitCode: run.status ?? -1,
    peakRssMb: Math.round(rss / 1024),
    fileMb: Math.round(statSync(file).size / 1e5) / 10,
  };
  console.log(run.stdout.split('\n').slice(-12).join('\n'));
  console.log(`tianping verify on the city kit: ${JSON.stringify(verification)}`);
  rmSync(file);
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rows = Object.keys(stages[0]).map((stage) => ({
  stage,
  'median s': seconds(median(stages.map((s) => s[stage]))),
  runs: stages.map((s) => seconds(s[stage])).join(' '),
}));
rows.push({
  stage: 'baseline: ORDER BY random() LIMIT n per stratum',
  'median s': seconds(median(baselines)),
  runs: baselines.map(seconds).join(' '),
});
const rss = peakRssMb();
rows.push({ stage: 'peak RSS (MB)', 'median s': String(rss), runs: '' });
report('draw', rows, {
  database: dbName,
  frame: counts,
  ratiosBp: ratios,
  counts: lastCounts,
  inspectors: Number(values.inspectors),
  departmentInspectors: pool.rows[0].n,
  peakRssMb: rss,
  kit,
  verification,
  cores: cpus().length,
  loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0] * 100) / 100 },
});
await database.close();
if (!values.db && !values.keep) {
  const admin = new (await import('pg')).default.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
} else console.log(`kept database ${dbName} (reuse with --db ${dbName})`);
