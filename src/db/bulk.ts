// Loading millions of rows into an indexed table. Maintaining indexes row by row costs more than
// the COPY itself — a trigram GIN index most of all, and B-trees on random keys (UUIDs, codes) once
// they outgrow memory — so big loads drop the table's indexes first and build each again at the end
// in one sorted pass. Plain indexes can always be deferred; primary-key and unique constraints (and
// the foreign keys that point at them) only when nothing needs them during the load, e.g. filling
// an empty table. Rebuilding a constraint re-checks it, so a duplicate still fails the load.
import { sql } from 'kysely';
import type { Database } from './connection.ts';
import type { DB } from './schema.ts';

interface Deferred {
  drop: string[];
  rebuild: string[];
}

async function plainIndexes(database: Database, table: string): Promise<Deferred> {
  const rows = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(database.db);
  return {
    drop: rows.rows.map((r) => `drop index ${r.indexname}`),
    rebuild: rows.rows.map((r) => r.indexdef),
  };
}

async function keyConstraints(database: Database, table: string): Promise<Deferred> {
  const rows = await sql<{ table_name: string; conname: string; def: string; contype: string }>`
    select c.conrelid::regclass::text as table_name, c.conname, pg_get_constraintdef(c.oid) as def, c.contype
    from pg_constraint c
    where (c.conrelid = ${table}::regclass and c.contype in ('p', 'u'))
       or (c.confrelid = ${table}::regclass and c.contype = 'f')
    order by c.contype = 'f', c.conname`.execute(database.db);
  const keys = rows.rows.filter((r) => r.contype !== 'f');
  const foreign = rows.rows.filter((r) => r.contype === 'f');
  return {
    // Foreign keys go first (they depend on the key), and come back last.
    drop: [...foreign, ...keys].map((r) => `alter table ${r.table_name} drop constraint ${r.conname}`),
    rebuild: [...keys, ...foreign].map(
      (r) => `alter table ${r.table_name} add constraint ${r.conname} ${r.def}`,
    ),
  };
}

export async function withIndexesDeferred<T>(
  database: Database,
  table: keyof DB & string,
  options: { constraints: boolean },
  load: () => Promise<T>,
): Promise<T> {
  const plain = await plainIndexes(database, table);
  const keys = options.constraints ? await keyConstraints(database, table) : { drop: [], rebuild: [] };
  for (const statement of [...plain.drop, ...keys.drop]) await sql.raw(statement).execute(database.db);
  const result = await load();
  await database.transaction(async ({ db }) => {
    // Enough sort memory for one pass; the default 64 MB makes GIN builds spill to disk. PGlite's
    // WebAssembly heap is smaller, so it gets less.
    const memory = database.backend === 'postgres' ? '1GB' : '256MB';
    await sql.raw(`set local maintenance_work_mem = '${memory}'`).execute(db);
    for (const statement of [...keys.rebuild, ...plain.rebuild]) await sql.raw(statement).execute(db);
  });
  return result;
}
