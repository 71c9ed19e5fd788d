// The public portal under load, on loopback: the server runs as its own process (as in production)
// and autocannon drives it from this one. Four loads, each measured `--runs` times (medians):
//
//   look-up     /api/public/entities?q=… with a different name fragment or code every request
//               (nothing comes from the response cache: this is the database's speed), at 1, 2, 4
//               and 16 connections;
//   business    /api/public/entities/<code> of inspected businesses, each a different one;
//   lists       ten list pages (results, stats, items, plans, draws) as a browser asks for them
//               (brotli), from the response cache;
//   lists-nocache  the same pages with the cache off: the obvious alternative, a query per request.
//
// The database must hold a loaded city (`tianping seed`), e.g. 6.43 million businesses:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tianping_city npx tianping seed --entities 6430000 --inspectors 8452
//   node bench/public.ts --database-url postgres://postgres@127.0.0.1:5432/tianping_city
//   node bench/public.ts --data-dir /tmp/city-pglite          (PGlite: a data directory after seed)
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { pgliteDir } from '../src/config.ts';
import { connect } from '../src/db/connection.ts';
import { median, report } from './lib.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    duration: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '3199' },
  },
});
const duration = Number(values.duration);
const runs = Number(values.runs);
const port = Number(values.port);
const backend = values['database-url'] ? 'postgres' : 'pglite';
if (!values['database-url'] && !values['data-dir']) {
  console.error('give --database-url postgres://… or --data-dir DIR (a seeded city)');
  process.exit(2);
}

/** Look-up queries and business codes taken from the database itself, so every request differs. */
async function samples() {
  const dataDir = values['data-dir'];
  const database = await connect({
    databaseUrl: values['database-url'],
    dataDir: dataDir ? pgliteDir({ dataDir }) : undefined,
  });
  try {
    const { rows: names } = await sql<{ name: string; identifier: string }>`
      select name, identifier from entity tablesample system (1) limit 4000`.execute(database.db);
    const { rows: inspected } = await sql<{ identifier: string }>`
      select e.identifier from inspection i join entity e on e.id = i.entity_id
      where i.status = 'published' order by md5(i.id::text) limit 4000`.execute(database.db);
    const { rows: counts } = await sql<{ entities: number; published: number }>`
      select (select count(*)::int from entity) as entities,
             (select count(*)::int from inspection where status = 'published') as published`.execute(
      database.db,
    );
    // What people type: a distinctive part of the name (3–4 characters after the district), or the code.
    const queries = names.map((n, i) => {
      if (i % 4 === 0) return n.identifier;
      const chars = [...n.name.replace(/^(深圳市|.{2}区)/, '')];
      const length = 3 + (i % 2);
      const start = Math.max(0, Math.min(chars.length - length, i % 3));
      return chars.slice(start, start + length).join('');
    });
    return { queries, inspected: inspected.map((r) => r.identifier), ...counts[0] };
  } finally {
    await database.close();
  }
}

async function startServer(cacheSeconds: number): Promise<ChildProcess> {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    TIANPING_DEMO: 'false',
    TIANPING_PUBLIC_RATE_LIMIT: '1000000000',
    TIANPING_PUBLIC_CACHE_SECONDS: String(cacheSeconds),
    ...(values['database-url']
      ? { DATABASE_URL: values['database-url'] }
      : { TIANPING_DATA_DIR: values['data-dir']!, DATABASE_URL: '' }),
  };
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/cli.ts'), 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('the server did not start');
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** One autocannon run over paths taken in turn; returns requests/s and latency percentiles. */
async function load(paths: string[], connections: number, headers: Record<string, string> = {}) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  if (result.non2xx) throw new Error(`${result.non2xx} non-2xx responses on ${paths[0]}`);
  // Errors are requests not answered within autocannon's 10 s: reported, as a slow server's fact.
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    timeouts: result.errors,
  };
}

async function measure(
  label: string,
  paths: string[],
  connections: number,
  headers?: Record<string, string>,
) {
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await load(paths, connections, headers));
  const row = {
    backend,
    load: label,
    connections,
    'req/s': Math.round(median(results.map((x) => x.rps))),
    'p50 ms': median(results.map((x) => x.p50)),
    'p99 ms': median(results.map((x) => x.p99)),
    'timeouts > 10 s': median(results.map((x) => x.timeouts)),
  };
  console.log(row);
  return row;
}

const sample = await samples();
console.log(
  `${backend}: ${sample.entities} businesses, ${sample.published} published results; ${sample.queries.length} look-ups`,
);
const lookUps = sample.queries.map((q) => `/api/public/entities?q=${encodeURIComponent(q)}`);
const businesses = sample.inspected.map((code) => `/api/public/entities/${code}`);
const lists = [
  '/api/public/results?page=1&pageSize=20',
  '/api/public/results?page=2&pageSize=20',
  '/api/public/results?code=A&page=1&pageSize=20',
  '/api/public/stats',
  '/api/public/items?page=1&pageSize=20',
  '/api/public/items/facets',
  '/api/public/plans?page=1&pageSize=20',
  '/api/public/draws?page=1&pageSize=20',
  '/api/public/codes',
  '/api/public/results?page=3&pageSize=20',
];
const browser = { 'accept-encoding': 'br, gzip' };

const rows = [];
let server = await startServer(0);
try {
  // Warm the database's caches once, as a server that has been running would have them.
  await load(lookUps.slice(0, 500), 4);
  // As fast as 1, 2, 4 and 16 simultaneous visitors allow. (autocannon's fixed-rate mode sends each
  // second's requests in a burst, which measures the burst, not the service.)
  for (const c of [1, 2, 4, 16]) rows.push(await measure('look-up', lookUps, c));
  rows.push(await measure('business page', businesses, 4));
  rows.push(await measure('lists, no cache', lists, 32, browser));
} finally {
  await stop(server);
}
server = await startServer(60);
try {
  rows.push(await measure('lists, cached', lists, 32, browser));
} finally {
  await stop(server);
}
report(`public-${backend}`, rows, {
  entities: sample.entities,
  published: sample.published,
  duration,
  runs,
});
