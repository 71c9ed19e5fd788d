import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** `column in (organisations at or below the one with this path)`: the data-scope filter. */
export const inOrgSubtree = (column: string, orgPath: string) =>
  sql<boolean>`${sql.ref(column)} in (select id from org where path like ${`${orgPath}%`})`;

export const listOrgsUnder = (db: Kysely<DB>, orgPath: string) =>
  db
    .selectFrom('org')
    .select([
      'id',
      'code',
      'name',
      'short_name',
      'parent_id',
      'level',
      'kind',
      'department',
      'region_code',
      'active',
    ])
    .where('path', 'like', `${orgPath}%`)
    .orderBy('path')
    .execute();

export const findOrg = (db: Kysely<DB>, id: string) =>
  db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrgByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('org').selectAll().where('code', '=', code).executeTakeFirst();

export const rootOrg = (db: Kysely<DB>) =>
  db.selectFrom('org').selectAll().where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
