import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const findUserByUsername = (db: Kysely<DB>, username: string) =>
  db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

export async function recordLoginFailure(
  db: Kysely<DB>,
  userId: string,
  maxFailures: number,
  lockMinutes: number,
) {
  const row = await db
    .updateTable('app_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (row.failed_logins >= maxFailures) {
    const until = new Date(Date.now() + lockMinutes * 60_000);
    await db
      .updateTable('app_user')
      .set({ locked_until: until, failed_logins: 0 })
      .where('id', '=', userId)
      .execute();
    return until;
  }
  return null;
}

export const recordLoginSuccess = (db: Kysely<DB>, userId: string) =>
  db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
    .where('id', '=', userId)
    .execute();

export const insertSession = (
  db: Kysely<DB>,
  row: {
    id: string;
    user_id: string;
    csrf_token: string;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
) => db.insertInto('session').values(row).execute();

export const deleteSession = (db: Kysely<DB>, id: string) =>
  db.deleteFrom('session').where('id', '=', id).execute();

export const deleteOtherSessions = (db: Kysely<DB>, userId: string, keepId: string) =>
  db.deleteFrom('session').where('user_id', '=', userId).where('id', '!=', keepId).execute();

/** The session with its user and organisation, if it exists and has not expired. */
export const findLiveSession = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.entity_id',
      'u.inspector_id',
      'u.active',
      'o.name as org_name',
      'o.path as org_path',
      'o.level as org_level',
      'o.region_code',
      'o.department',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();

export const touchSession = (db: Kysely<DB>, id: string) =>
  db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();

export const setPasswordHash = (db: Kysely<DB>, userId: string, passwordHash: string) =>
  db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, password_changed_at: new Date() })
    .where('id', '=', userId)
    .execute();

export const deleteExpiredSessions = (db: Kysely<DB>) =>
  db.deleteFrom('session').where('expires_at', '<=', new Date()).execute();
