import { sql } from 'kysely';
import { throwawayDatabase, timed } from '../bench/lib.ts';
import { loadDemoCity } from '../src/seed/load.ts';
const { database, dispose } = await throwawayDatabase('postgres');
try {
  const load = await timed(() => loadDemoCity(database, { entities: 1_000_000, inspectors: 100, seed: 'b', dataDir: '/tmp' }));
  console.log('load', (load.ms / 1000).toFixed(1));
  const { rows } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'entity'`.execute(database.db);
  await database.transaction(async ({ db }) => {
    await sql`set local maintenance_work_mem = '1GB'`.execute(db);
    for (const r of rows) {
      if (r.indexname.endsWith('_pkey') || r.indexname.endsWith('_key')) continue;
      await sql.raw(`drop index ${r.indexname}`).execute(db);
      const t = await timed(() => sql.raw(r.indexdef).execute(db));
      console.log(r.indexname, (t.ms / 1000).toFixed(1));
    }
  });
} finally {
  await dispose();
}
