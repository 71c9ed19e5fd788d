// Import jobs, their issues and rejected rows.
import type { Kysely, Updateable } from 'kysely';
import type { DB, ImportJobTable, ImportKind } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';
import type { OrgRef } from './stage-rows.ts';

export const jobColumns = [
  'j.id',
  'j.kind',
  'j.file_name',
  'j.file_size',
  'j.status',
  'j.dry_run',
  'j.mapping',
  'j.options',
  'j.total_rows',
  'j.processed_rows',
  'j.inserted',
  'j.updated',
  'j.unchanged',
  'j.rejected',
  'j.warnings',
  'j.error',
  'j.org_id',
  'o.name as org_name',
  'j.created_by',
  'j.created_at',
  'j.started_at',
  'j.finished_at',
] as const;

export async function insertJob(
  db: Kysely<DB>,
  values: {
    kind: ImportKind;
    file_name: string;
    file_path: string | null;
    file_size: number;
    org_id: string;
    created_by: string | null;
    mapping: unknown;
    options: unknown;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('import_job')
    .values({ ...values, mapping: JSON.stringify(values.mapping), options: JSON.stringify(values.options) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const findJob = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('import_job as j')
    .innerJoin('org as o', 'o.id', 'j.org_id')
    .select([...jobColumns, 'j.file_path', 'o.path as org_path'])
    .where('j.id', '=', id)
    .executeTakeFirst();

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export async function updateJob(
  db: Kysely<DB>,
  id: string,
  patch: Omit<Updateable<ImportJobTable>, 'mapping' | 'options'> & { mapping?: unknown; options?: unknown },
): Promise<void> {
  const { mapping, options, ...rest } = patch;
  await db
    .updateTable('import_job')
    .set({
      ...rest,
      ...(mapping === undefined ? {} : { mapping: JSON.stringify(mapping) }),
      ...(options === undefined ? {} : { options: JSON.stringify(options) }),
    })
    .where('id', '=', id)
    .execute();
}

export async function listJobs(db: Kysely<DB>, orgPath: string, page: number, pageSize: number) {
  const query = db
    .selectFrom('import_job as j')
    .innerJoin('org as o', 'o.id', 'j.org_id')
    .where(inOrgSubtree('j.org_id', orgPath));
  const [rows, total] = await Promise.all([
    query
      .select([...jobColumns, 'o.path as org_path'])
      .orderBy('j.created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function listIssues(
  db: Kysely<DB>,
  jobId: string,
  f: { severity?: 'error' | 'warning'; page: number; pageSize: number },
) {
  let query = db.selectFrom('import_issue').where('job_id', '=', jobId);
  if (f.severity) query = query.where('severity', '=', f.severity);
  const [rows, total] = await Promise.all([
    query
      .select(['line', 'severity', 'column_name', 'field', 'value', 'reason'])
      .orderBy('line')
      .orderBy('severity')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const rejectedRows = (db: Kysely<DB>, jobId: string) =>
  db
    .selectFrom('import_rejected_row')
    .select(['line', 'cells', 'reasons'])
    .where('job_id', '=', jobId)
    .orderBy('line')
    .execute();

export async function clearResults(db: Kysely<DB>, jobId: string): Promise<void> {
  await db.deleteFrom('import_issue').where('job_id', '=', jobId).execute();
  await db.deleteFrom('import_rejected_row').where('job_id', '=', jobId).execute();
}

/** Organisations a file may name, at or below `path` (every one when path is empty). */
export const orgRefs = (db: Kysely<DB>, path = ''): Promise<OrgRef[]> =>
  db
    .selectFrom('org')
    .select(['id', 'code', 'name', 'short_name', 'kind', 'department', 'region_code', 'path'])
    .where('path', 'like', `${path}%`)
    .where('active', '=', true)
    .execute();

export const findOrgRef = (db: Kysely<DB>, id: string): Promise<OrgRef | undefined> =>
  db
    .selectFrom('org')
    .select(['id', 'code', 'name', 'short_name', 'kind', 'department', 'region_code', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
