import { sql } from 'kysely';
import type { Database } from './connection.ts';
import { migrations } from './migrations/index.ts';

// Any constant shared by all instances: two servers starting together migrate one after the other.
const MIGRATION_LOCK = 7_261_001;

/**
 * Code of the one top-level organisation that `migrate` creates in an empty database, so that
 * imports and accounts have an organisation to belong to before any tree is configured. Its region
 * code is empty: it covers every region until an administrator sets one.
 */
export const ROOT_ORG_CODE = 'ROOT';

/** Applies the migrations not yet applied, each in its own transaction; returns their names. */
export async function migrate(database: Database): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    name text primary key,
    applied_at timestamptz not null default now()
  )`.execute(database.db);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await database.transaction(async ({ db }) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(db);
      const seen = await db
        .selectFrom('schema_migration')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (seen) return false;
      for (const statement of migration.up) await sql.raw(statement).execute(db);
      await db.insertInto('schema_migration').values({ name: migration.name }).execute();
      return true;
    });
    if (done) applied.push(migration.name);
  }
  await database.transaction(async ({ db }) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(db);
    await sql`insert into org (id, code, name, short_name, level, kind, region_code, path)
      select r.id, ${ROOT_ORG_CODE}, '本级', '本级', 'city', 'government', '', '/' || r.id || '/'
      from (select gen_random_uuid() as id) r
      where not exists (select 1 from org)`.execute(db);
  });
  return applied;
}
