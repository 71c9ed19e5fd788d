// Searching the business directory at city scale through the list the UI calls (first page of 20
// and the capped count): a piece of a name (trigram GIN index) and an exact USCC / 注册号, then the
// same queries with the indexes switched off (a plain LIKE scan), side by side.
// Usage: node bench/search.ts [rows=6430000] [--backend postgres|pglite] [--queries 200] [--unindexed 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect, type Database } from '../src/db/connection.ts';
import { listEntities } from '../src/modules/entities/repo.ts';
import { loadDemoCity } from '../src/seed/load.ts';
import { median, percentile, report, throwawayDatabase, timed } from './lib.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    backend: { type: 'string', default: 'postgres' },
    queries: { type: 'string', default: '200' },
    unindexed: { type: 'string', default: '20' },
  },
});
const rows = Number(positionals[0] ?? 6_430_000);
const backend = values.backend as 'postgres' | 'pglite';
const queries = Number(values.queries);
const unindexedQueries = Number(values.unindexed);

/** A piece of a name as someone would type it: the start of the trade name after the city or district. */
function namePiece(name: string, length: number): string {
  const rest = name.replace(/^深圳市/, '').replace(/^[^区]{1,3}区/, '');
  return rest.slice(0, length);
}

async function run(database: Database, label: string, terms: string[]) {
  const times: number[] = [];
  const found: number[] = [];
  for (const q of terms) {
    const { ms, value } = await timed(() =>
      listEntities(
        database.db,
        { regionPrefix: '4403', q },
        { page: 1, pageSize: 20, sort: 'identifier', desc: false },
      ),
    );
    times.push(ms);
    found.push(value.total);
  }
  return {
    query: label,
    queries: terms.length,
    'p50 ms': median(times).toFixed(1),
    'p95 ms': percentile(times, 95).toFixed(1),
    'max ms': Math.max(...times).toFixed(1),
    'median matches': median(found),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-search-'));
const { database, url, dispose } = await throwawayDatabase(backend, join(dir, 'pg'));
try {
  console.log(`[${backend}] loading ${rows.toLocaleString('en')} businesses`);
  const load = await timed(() =>
    loadDemoCity(database, { entities: rows, inspectors: 400, seed: 'bench', dataDir: dir }),
  );
  console.log(`loaded in ${(load.ms / 1000).toFixed(0)} s`);
  await sql`analyze entity`.execute(database.db);

  const sample = await sql<{ name: string; identifier: string }>`
    select name, identifier from entity tablesample system (1) repeatable (42) limit ${queries}`.execute(
    database.db,
  );
  const names = sample.rows.map((r) => namePiece(r.name, 4));
  const codes = sample.rows.map((r) => r.identifier);
  // Two characters give the trigram index nothing to look up: the worst case, shown apart.
  const short = sample.rows.map((r) => namePiece(r.name, 2));

  const results = [
    await run(database, 'name piece (trigram index)', names),
    await run(database, 'USCC / 注册号 (index)', codes),
    await run(database, 'name, 2 characters (bigram index)', short),
  ];

  // The same queries with every index scan off: what a LIKE over the whole table costs.
  const plain = backend === 'postgres' ? await connect({ databaseUrl: url!, poolSize: 1 }) : database;
  await sql`set enable_bitmapscan = off`.execute(plain.db);
  await sql`set enable_indexscan = off`.execute(plain.db);
  await sql`set enable_indexonlyscan = off`.execute(plain.db);
  results.push(await run(plain, 'name piece (no index: LIKE scan)', names.slice(0, unindexedQueries)));
  results.push(await run(plain, 'USCC / 注册号 (no index: scan)', codes.slice(0, unindexedQueries)));
  if (plain !== database) await plain.close();

  const ratio = (indexed: number, scanned: number) =>
    `${(Number(results[scanned]['p50 ms']) / Number(results[indexed]['p50 ms'])).toFixed(0)}×`;
  report(
    `search-${backend}`,
    results.map((r, i) => ({ ...r, 'p50 vs indexed': i < 3 ? '' : ratio(i - 3, i) })),
    { backend, businesses: rows, page: 'first page of 20, ordered by code, with the count capped at 10,000' },
  );
} finally {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
}
