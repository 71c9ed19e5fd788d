// Loading the demo city at city scale: businesses and inspectors through COPY on PostgreSQL and on
// PGlite, in rows per second, beside row-by-row INSERT batches (the obvious alternative) on a
// sample. Usage: node bench/seed.ts [entities=6430000] [inspectors=8452] [--backend postgres|pglite|both]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildCity, generateEntities } from '../src/seed/index.ts';
import { loadDemoCity } from '../src/seed/load.ts';
import { peakRssMb, report, throwawayDatabase, timed } from './lib.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { backend: { type: 'string', default: 'both' } },
});
const entities = Number(positionals[0] ?? 6_430_000);
const inspectors = Number(positionals[1] ?? 8_452);
const backends =
  values.backend === 'both' ? (['postgres', 'pglite'] as const) : [values.backend as 'postgres' | 'pglite'];

const rows: Record<string, string | number>[] = [];
for (const backend of backends) {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-seed-'));
  const { database, dispose } = await throwawayDatabase(backend, join(dir, 'pg'));
  try {
    const { ms, value } = await timed(() =>
      loadDemoCity(database, { entities, inspectors, seed: 'bench', dataDir: dir }, (step) =>
        console.log(`[${backend}] ${step}`),
      ),
    );
    const size = await sql<{
      size: string;
    }>`select pg_size_pretty(pg_database_size(current_database())) as size`.execute(database.db);
    rows.push({
      backend,
      method: 'COPY (seed)',
      entities: value.counts.entities,
      inspectors: value.counts.inspectors,
      seconds: (ms / 1000).toFixed(1),
      'rows/s': Math.round((value.counts.entities + value.counts.inspectors) / (ms / 1000)),
      'db size': size.rows[0].size,
    });

    // The obvious alternative on a sample: multi-row INSERT statements of 1,000 rows.
    const sample = Math.min(100_000, entities);
    const city = buildCity('bench');
    await sql`truncate entity cascade`.execute(database.db);
    const insert = await timed(async () => {
      let batch: object[] = [];
      for (const e of generateEntities('bench', sample, city)) {
        batch.push(e);
        if (batch.length === 1000) {
          await database.db
            .insertInto('entity')
            .values(batch as never)
            .execute();
          batch = [];
        }
      }
      if (batch.length)
        await database.db
          .insertInto('entity')
          .values(batch as never)
          .execute();
    });
    rows.push({
      backend,
      method: 'INSERT 1000/stmt',
      entities: sample,
      inspectors: 0,
      seconds: (insert.ms / 1000).toFixed(1),
      'rows/s': Math.round(sample / (insert.ms / 1000)),
      'db size': '',
    });
  } finally {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

report('seed', rows, { entities, inspectors, peakRssMb: peakRssMb() });
