// 经营异常名录 on the business: listing and removal, each with who decided, when and why. These
// functions run inside the caller's transaction and are meant for other modules too (a future import
// of registration decisions can list and remove the same way). entity.abnormal_listed always mirrors
// "has an entry that is not removed". Each listing and removal is also a credit event; the caller
// re-scores the business once its transaction has committed.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit } from '../audit/repo.ts';
import { recordEvents } from '../credit/repo.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

/** Causes as 《企业经营异常名录管理暂行办法》 names them; the result codes that lead to them. */
export const LIST_CAUSES: Record<string, { zh: string; en: string }> = {
  annual_report: { zh: '未按规定期限公示年度报告', en: 'Annual report not published in time' },
  B: { zh: '未在责令的期限内公示有关企业信息', en: 'Did not publish information within the ordered period' },
  C: { zh: '公示企业信息隐瞒真实情况、弄虚作假', en: 'Published information hid the truth or was falsified' },
  '6': { zh: '通过登记的住所或者经营场所无法联系', en: 'Cannot be reached at the registered address' },
};

export interface ListInput {
  entityId: string;
  cause: string;
  /** The department deciding (registration authority). */
  orgId: string;
  listedOn: string;
  followUpId?: string | null;
  inspectionId?: string | null;
}

async function syncFlag(db: Kysely<DB>, entityId: string) {
  await sql`update entity set abnormal_listed = exists (
      select 1 from entity_list_entry l where l.entity_id = entity.id and l.list = 'abnormal' and l.removed_on is null),
      updated_at = now()
    where id = ${entityId}`.execute(db);
}

/** Lists a business in 经营异常名录. */
export async function addListEntry(db: Kysely<DB>, actor: Actor, input: ListInput, today: string) {
  const cause = LIST_CAUSES[input.cause];
  if (!cause) throw invalid('cause', '未知的列入事由', 'Unknown cause');
  if (input.listedOn > today)
    throw invalid('listedOn', '列入日期不能晚于今天', 'The listing date cannot be in the future');
  const entity = await db
    .selectFrom('entity')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', input.entityId)
    .executeTakeFirst();
  if (!entity) throw notFound('市场主体', 'Business');
  const entry = await db
    .insertInto('entity_list_entry')
    .values({
      entity_id: entity.id,
      cause: input.cause,
      cause_text: cause.zh,
      follow_up_id: input.followUpId ?? null,
      inspection_id: input.inspectionId ?? null,
      org_id: input.orgId,
      region_code: entity.region_code,
      listed_on: input.listedOn,
      decided_by: actor.id,
      decided_by_name: actor.name,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await syncFlag(db, entity.id);
  await recordEvents(db, [
    {
      entity_id: entity.id,
      kind: 'abnormal_list_in',
      occurred_on: input.listedOn,
      subject: input.cause,
      ref: entry.id,
      source: 'list',
      org_id: input.orgId,
      region_code: entity.region_code,
      created_by: actor.id,
    },
  ]);
  await appendAudit(db, actor, {
    action: 'entity.listed',
    subjectType: 'entity',
    subjectId: entity.id,
    orgId: input.orgId,
    after: {
      list: 'abnormal',
      entry: entry.id,
      cause: input.cause,
      listedOn: input.listedOn,
      followUp: input.followUpId ?? null,
    },
  });
  return entry.id;
}

/** Removes a business from the list (移出), recording the date and the reason (e.g. the cause was cured). */
export async function removeListEntry(
  db: Kysely<DB>,
  actor: Actor,
  entryId: string,
  input: { removedOn: string; reason: string },
  today: string,
) {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请说明移出理由', 'Give the reason for the removal');
  const entry = await db
    .selectFrom('entity_list_entry')
    .selectAll()
    .where('id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!entry) throw notFound('名录记录', 'List entry');
  if (entry.removed_on) throw conflict('该记录已移出名录', 'The entry has already been removed');
  if (input.removedOn < entry.listed_on || input.removedOn > today)
    throw invalid(
      'removedOn',
      '移出日期应在列入日期和今天之间',
      'The removal date lies between the listing and today',
    );
  await db
    .updateTable('entity_list_entry')
    .set({
      removed_on: input.removedOn,
      removal_reason: reason,
      removed_by: actor.id,
      removed_by_name: actor.name,
      updated_at: new Date(),
    })
    .where('id', '=', entryId)
    .execute();
  await syncFlag(db, entry.entity_id);
  await recordEvents(db, [
    {
      entity_id: entry.entity_id,
      kind: 'abnormal_list_out',
      occurred_on: input.removedOn,
      subject: entry.cause,
      ref: entry.id,
      source: 'list',
      org_id: entry.org_id,
      region_code: entry.region_code,
      created_by: actor.id,
    },
  ]);
  await appendAudit(db, actor, {
    action: 'entity.list_removed',
    subjectType: 'entity',
    subjectId: entry.entity_id,
    orgId: entry.org_id,
    before: { entry: entry.id, listedOn: entry.listed_on },
    after: { removedOn: input.removedOn, reason },
  });
}

/** A business's entries, listed and removed, newest first. */
export const listEntriesOf = (db: Kysely<DB>, entityId: string) =>
  db
    .selectFrom('entity_list_entry as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select([
      'l.id',
      'l.list',
      'l.cause',
      'l.cause_text',
      'l.listed_on',
      'l.decided_by_name',
      'l.removed_on',
      'l.removal_reason',
      'l.removed_by_name',
      'l.inspection_id',
      'l.follow_up_id',
      'o.short_name as org_name',
    ])
    .where('l.entity_id', '=', entityId)
    .orderBy('l.listed_on', 'desc')
    .execute();

/** Entries decided by departments in a scope, for the list page. */
export async function listEntries(
  db: Kysely<DB>,
  f: { orgPath: string; active?: boolean; page: number; pageSize: number },
) {
  const where = sql.join(
    [
      inOrgSubtree('l.org_id', f.orgPath),
      ...(f.active === true ? [sql`l.removed_on is null`] : []),
      ...(f.active === false ? [sql`l.removed_on is not null`] : []),
    ],
    sql` and `,
  );
  const { rows } = await sql<{
    id: string;
    entity_id: string;
    entity_name: string;
    identifier: string;
    cause: string;
    cause_text: string;
    listed_on: string;
    decided_by_name: string;
    removed_on: string | null;
    removal_reason: string | null;
    org_id: string;
    org_name: string;
  }>`
    select l.id, l.entity_id, e.name as entity_name, e.identifier, l.cause, l.cause_text, l.listed_on,
      l.decided_by_name, l.removed_on, l.removal_reason, l.org_id, o.short_name as org_name
    from entity_list_entry l join entity e on e.id = l.entity_id join org o on o.id = l.org_id
    where ${where}
    order by l.removed_on nulls first, l.listed_on desc
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from entity_list_entry l where ${where}`.execute(db);
  return { rows, total: total.rows[0].n };
}
