// The inspector directory (检查人员名录库): search within an organisation subtree, certificate
// expiry flags computed by the database's calendar, ID-card numbers only where the caller may see them.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type { DB, InspectorStatus } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

/** A certificate expiring within this many days is flagged. */
export const EXPIRING_DAYS = 60;

export type CertState = 'expired' | 'expiring' | 'valid' | 'none';

export interface InspectorFilter {
  orgPath: string;
  /** Name substring, or a certificate number (exact). */
  q?: string;
  /** An organisation inside the scope: its subtree. */
  orgId?: string;
  officeId?: string;
  status?: InspectorStatus;
  qualification?: string;
  expert?: boolean;
  leader?: boolean;
  cert?: CertState;
}

export type InspectorSort = 'name' | 'cert_no' | 'cert_expires_on';

/**
 * Whether the ID-card number of the inspector in row `i` (organisation `o`) may be shown: only to
 * administrators of the inspector's own department. `department` is the caller's, or null.
 */
export function idCardVisible(department: string | null): Expression<SqlBool> {
  return department ? sql<SqlBool>`(o.department = ${department})` : sql<SqlBool>`false`;
}

export function filteredInspectors(db: Kysely<DB>, f: InspectorFilter) {
  let query = db
    .selectFrom('inspector as i')
    .innerJoin('org as o', 'o.id', 'i.org_id')
    .leftJoin('org as office', 'office.id', 'i.office_id')
    .where(inOrgSubtree('i.org_id', f.orgPath));
  const q = f.q?.trim();
  if (q) {
    query = query.where((eb) =>
      eb.or([eb('i.name', 'like', `%${escapeLike(q)}%`), eb('i.cert_no', '=', q.toUpperCase())]),
    );
  }
  if (f.orgId) {
    query = query.where(
      'i.org_id',
      'in',
      db
        .selectFrom('org as sub')
        .select('sub.id')
        .where('sub.path', 'like', (eb) =>
          eb.fn('concat', [
            eb.selectFrom('org as top').select('top.path').where('top.id', '=', f.orgId!),
            eb.val('%'),
          ]),
        ),
    );
  }
  if (f.officeId) query = query.where('i.office_id', '=', f.officeId);
  if (f.status) query = query.where('i.status', '=', f.status);
  if (f.qualification)
    query = query.where(sql<boolean>`i.qualifications @> array[${f.qualification}]::text[]`);
  if (f.expert !== undefined) query = query.where('i.is_expert', '=', f.expert);
  if (f.leader !== undefined) query = query.where('i.is_leader', '=', f.leader);
  if (f.cert === 'none') query = query.where('i.cert_expires_on', 'is', null);
  if (f.cert === 'expired') query = query.where(sql<boolean>`i.cert_expires_on < current_date`);
  if (f.cert === 'expiring') {
    query = query.where(
      sql<boolean>`i.cert_expires_on >= current_date and i.cert_expires_on < current_date + ${EXPIRING_DAYS}::integer`,
    );
  }
  if (f.cert === 'valid') {
    query = query.where(sql<boolean>`i.cert_expires_on >= current_date + ${EXPIRING_DAYS}::integer`);
  }
  return query;
}

type Filtered = ReturnType<typeof filteredInspectors>;

/** The columns every list, detail and export shows; the ID card only where `department` allows. */
function columns(query: Filtered, department: string | null) {
  return query.select([
    'i.id',
    'i.name',
    'i.cert_no',
    'i.cert_expires_on',
    sql<CertState>`case when i.cert_expires_on is null then 'none'
      when i.cert_expires_on < current_date then 'expired'
      when i.cert_expires_on < current_date + ${EXPIRING_DAYS}::integer then 'expiring'
      else 'valid' end`.as('cert_state'),
    sql<number | null>`(i.cert_expires_on - current_date)`.as('days_to_expiry'),
    'i.org_id',
    'o.name as org_name',
    'o.department',
    'i.office_id',
    'office.name as office_name',
    'i.region_code',
    'i.qualifications',
    'i.is_expert',
    'i.is_leader',
    'i.status',
    'i.phone',
    sql<string | null>`case when ${idCardVisible(department)} then i.id_card end`.as('id_card'),
    'i.created_at',
    'i.updated_at',
  ]);
}

export interface Page {
  page: number;
  pageSize: number;
  sort: InspectorSort;
  desc: boolean;
}

export async function listInspectors(db: Kysely<DB>, f: InspectorFilter, p: Page, department: string | null) {
  const query = filteredInspectors(db, f);
  const direction = p.desc ? 'desc' : 'asc';
  const [rows, total] = await Promise.all([
    columns(query, department)
      .orderBy(`i.${p.sort}`, direction)
      .orderBy('i.cert_no')
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function* exportInspectors(
  db: Kysely<DB>,
  f: InspectorFilter,
  department: string | null,
  limit: number,
) {
  const pageSize = 5000;
  for (let offset = 0; offset < limit; offset += pageSize) {
    const rows = await columns(filteredInspectors(db, f), department)
      .orderBy('i.cert_no')
      .limit(Math.min(pageSize, limit - offset))
      .offset(offset)
      .execute();
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
  }
}

export const countInspectors = async (db: Kysely<DB>, f: InspectorFilter) =>
  Number(
    (
      await filteredInspectors(db, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** One inspector as the caller may see them, with the path of their organisation for scope checks. */
export const findInspector = (db: Kysely<DB>, id: string, department: string | null) =>
  columns(
    db
      .selectFrom('inspector as i')
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .leftJoin('org as office', 'office.id', 'i.office_id')
      .where('i.id', '=', id),
    department,
  )
    .select(['o.path as org_path'])
    .executeTakeFirst();

export const inspectorConflicts = (db: Kysely<DB>, inspectorId: string) =>
  db
    .selectFrom('inspector_conflict as c')
    .leftJoin('entity as e', 'e.id', 'c.entity_id')
    .select([
      'c.id',
      'c.entity_id',
      'e.identifier as entity_identifier',
      'e.name as entity_name',
      'c.party',
      'c.kind',
      'c.reason',
      'c.declared_on',
      'c.withdrawn_on',
    ])
    .where('c.inspector_id', '=', inspectorId)
    .orderBy('c.declared_on', 'desc')
    .execute();

export const inspectorChanges = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('audit_event')
    .select(['seq', 'at', 'actor', 'action', 'before', 'after'])
    .where('subject_type', '=', 'inspector')
    .where('subject_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(100)
    .execute();
