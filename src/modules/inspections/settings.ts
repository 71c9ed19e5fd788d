// The deadlines an administrator may change (DOMAIN §3: "20 working days, configurable per province"),
// kept in the `setting` table under one key; missing values take the defaults of the rules core.
import type { Kysely } from 'kysely';
import { DEFAULT_DEADLINES, type DeadlineSettings } from '../../core/inspections/rules.ts';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';

const KEY = 'deadlines';

export async function deadlineSettings(db: Kysely<DB>): Promise<DeadlineSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', KEY).executeTakeFirst();
  return { ...DEFAULT_DEADLINES, ...((row?.value as Partial<DeadlineSettings>) ?? {}) };
}

export async function setDeadlineSettings(
  database: Database,
  user: CurrentUser,
  changes: Partial<DeadlineSettings>,
): Promise<DeadlineSettings> {
  return database.transaction(async ({ db }) => {
    const before = await deadlineSettings(db);
    const after = { ...before, ...changes };
    await db
      .insertInto('setting')
      .values({ key: KEY, value: JSON.stringify(after) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(after), updated_at: new Date() }),
      )
      .execute();
    await appendAudit(
      db,
      { id: user.id, name: user.username },
      { action: 'setting.changed', subjectType: 'setting', subjectId: KEY, before, after },
    );
    return after;
  });
}
