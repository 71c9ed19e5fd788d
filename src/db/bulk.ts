// Loading millions of rows into an indexed table: maintaining a trigram GIN index row by row costs
// more than the COPY itself, so big loads drop the table's plain indexes first and build them again
// at the end in one pass (constraint indexes — primary key, unique — stay and keep checking).
import { sql } from 'kysely';
import type { Database } from './connection.ts';
import type { DB } from './schema.ts';

export async function withIndexesDeferred<T>(
  database: Database,
  table: keyof DB & string,
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(database.db);
  for (const index of indexes.rows) await sql.raw(`drop index ${index.indexname}`).execute(database.db);
  const result = await load();
  await database.transaction(async ({ db }) => {
    // Enough sort memory for one pass; the default 64 MB makes GIN builds spill to disk. PGlite's
    // WebAssembly heap is smaller, so it gets less.
    const memory = database.backend === 'postgres' ? '1GB' : '256MB';
    await sql.raw(`set local maintenance_work_mem = '${memory}'`).execute(db);
    for (const index of indexes.rows) await sql.raw(index.indexdef).execute(db);
  });
  return result;
}
