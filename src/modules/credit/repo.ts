// Credit tables: models and their indicators, events, runs and scores. The scoring SQL itself is
// generated in scoring.ts.
import { type Kysely, sql } from 'kysely';
import type {
  DirectRule,
  Group,
  Indicator,
  IndicatorRule,
  Metric,
  ModelDefinition,
  Thresholds,
} from '../../core/credit/index.ts';
import { industryPoints } from '../../core/credit/industry.ts';
import type {
  CreditClass,
  CreditEventKind,
  CreditModelStatus,
  CreditRunKind,
  CreditRunStatus,
  DB,
} from '../../db/schema.ts';
import type { ScoringModel } from './scoring.ts';

export interface ModelRow extends ScoringModel {
  status: CreditModelStatus;
  note: string;
  based_on: number | null;
  created_at: Date;
  activated_at: Date | null;
}

/** A model version with its indicators in order. */
export async function findModel(
  db: Kysely<DB>,
  where: { id: string } | { status: 'active' | 'draft' } | { version: number },
): Promise<ModelRow | undefined> {
  let q = db.selectFrom('credit_model').selectAll();
  if ('id' in where) q = q.where('id', '=', where.id);
  else if ('status' in where) q = q.where('status', '=', where.status);
  else q = q.where('version', '=', where.version);
  const m = await q.executeTakeFirst();
  if (!m) return undefined;
  const rows = await db
    .selectFrom('credit_indicator')
    .selectAll()
    .where('model_id', '=', m.id)
    .orderBy('position')
    .execute();
  return {
    id: m.id,
    version: m.version,
    status: m.status,
    note: m.note,
    based_on: m.based_on,
    created_at: m.created_at,
    activated_at: m.activated_at as Date | null,
    thresholds: m.thresholds as Thresholds,
    direct: m.direct as DirectRule[],
    indicators: rows.map(
      (r): Indicator => ({
        code: r.code,
        group: r.group_code as Group,
        name: r.name,
        metric: r.metric as Metric,
        weight: r.weight,
        rule: r.rule as IndicatorRule,
      }),
    ),
  };
}

export const listModels = (db: Kysely<DB>) =>
  db
    .selectFrom('credit_model as m')
    .leftJoin('app_user as u', 'u.id', 'm.created_by')
    .leftJoin('app_user as a', 'a.id', 'm.activated_by')
    .select([
      'm.id',
      'm.version',
      'm.status',
      'm.note',
      'm.based_on',
      'm.created_at',
      'm.activated_at',
      'm.retired_at',
      'u.display_name as created_by_name',
      'a.display_name as activated_by_name',
    ])
    .orderBy('m.version', 'desc')
    .execute();

export async function nextModelVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('credit_model')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertModel(
  db: Kysely<DB>,
  def: ModelDefinition,
  meta: {
    version: number;
    status: CreditModelStatus;
    note?: string;
    basedOn?: number | null;
    createdBy: string | null;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('credit_model')
    .values({
      version: meta.version,
      status: meta.status,
      note: meta.note ?? '',
      thresholds: JSON.stringify(def.thresholds),
      direct: JSON.stringify(def.direct),
      based_on: meta.basedOn ?? null,
      created_by: meta.createdBy,
      activated_by: meta.status === 'active' ? meta.createdBy : null,
      activated_at: meta.status === 'active' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeIndicators(db, id, def);
  return id;
}

/** Replaces a model's indicators (and their derived lookups) with the definition's. */
export async function writeIndicators(db: Kysely<DB>, modelId: string, def: ModelDefinition) {
  await db.deleteFrom('credit_lookup').where('model_id', '=', modelId).execute();
  await db.deleteFrom('credit_indicator').where('model_id', '=', modelId).execute();
  await db
    .insertInto('credit_indicator')
    .values(
      def.indicators.map((ind, position) => ({
        model_id: modelId,
        position,
        code: ind.code,
        group_code: ind.group,
        name: ind.name,
        metric: ind.metric,
        weight: ind.weight,
        rule: JSON.stringify(ind.rule),
      })),
    )
    .execute();
  const lookups = def.indicators.flatMap((ind) =>
    ind.rule.score.kind === 'prefix'
      ? industryPoints(ind.rule.score).map((p) => ({ model_id: modelId, indicator: ind.code, ...p }))
      : [],
  );
  for (let i = 0; i < lookups.length; i += 1000)
    await db
      .insertInto('credit_lookup')
      .values(lookups.slice(i, i + 1000))
      .execute();
}

export async function updateModelHead(
  db: Kysely<DB>,
  id: string,
  patch: { thresholds?: Thresholds; direct?: DirectRule[]; note?: string },
) {
  await db
    .updateTable('credit_model')
    .set({
      thresholds: patch.thresholds && JSON.stringify(patch.thresholds),
      direct: patch.direct && JSON.stringify(patch.direct),
      note: patch.note,
    })
    .where('id', '=', id)
    .execute();
}

// --- Events -------------------------------------------------------------------------------------

export interface EventInput {
  entity_id: string;
  kind: CreditEventKind;
  occurred_on: string;
  severity?: number | null;
  amount_yuan?: string | null;
  subject?: string | null;
  ref?: string | null;
  source: string;
  details?: Record<string, unknown>;
  org_id: string;
  region_code: string;
  import_id?: string | null;
  created_by?: string | null;
}

export const EVENT_COLUMNS = [
  'entity_id',
  'kind',
  'occurred_on',
  'severity',
  'amount_yuan',
  'subject',
  'ref',
  'source',
  'details',
  'org_id',
  'region_code',
  'import_id',
  'created_by',
] as const;

export const eventValues = (e: EventInput) => ({
  ...e,
  severity: e.severity ?? null,
  amount_yuan: e.amount_yuan ?? null,
  subject: e.subject ?? null,
  ref: e.ref ?? null,
  details: JSON.stringify(e.details ?? {}),
  import_id: e.import_id ?? null,
  created_by: e.created_by ?? null,
});

export const insertEvent = (db: Kysely<DB>, e: EventInput) =>
  db
    .insertInto('credit_event')
    .values(eventValues(e))
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

/** What an event changes in the directory's own columns: list status and the complaint count. */
export async function applyEventToEntity(
  db: Kysely<DB>,
  entityIds: readonly string[],
  kind: CreditEventKind,
) {
  if (!entityIds.length) return;
  const ids = [...entityIds];
  const set =
    kind === 'abnormal_list_in'
      ? sql`abnormal_listed = true`
      : kind === 'abnormal_list_out'
        ? sql`abnormal_listed = false`
        : kind === 'serious_list_in'
          ? sql`serious_listed = true`
          : kind === 'serious_list_out'
            ? sql`serious_listed = false`
            : undefined;
  if (set) await sql`update entity set ${set} where id = any(${ids}::uuid[])`.execute(db);
}

/**
 * Records events that another module's own change produces — a listing in 经营异常名录, an approved
 * inspection result — inside that change's transaction, whose audit event covers them. Re-scoring
 * follows once the transaction has committed (service.ts `rescore`).
 */
export async function recordEvents(db: Kysely<DB>, events: readonly EventInput[]) {
  for (const event of events) {
    await insertEvent(db, event);
    await applyEventToEntity(db, [event.entity_id], event.kind);
  }
}

/** Adds complaints to the directory's complaint counts (a business may appear several times). */
export async function addComplaints(db: Kysely<DB>, entityIds: readonly string[]) {
  if (!entityIds.length) return;
  await sql`update entity e set complaint_count = e.complaint_count + c.n
    from (select id, count(*)::int as n from unnest(${[...entityIds]}::uuid[]) as t(id) group by id) c
    where e.id = c.id`.execute(db);
}

export const entityEvents = (db: Kysely<DB>, entityId: string, limit: number) =>
  db
    .selectFrom('credit_event')
    .select([
      'id',
      'kind',
      'occurred_on',
      'severity',
      'amount_yuan',
      'subject',
      'ref',
      'source',
      'created_at',
    ])
    .where('entity_id', '=', entityId)
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

// --- Runs ---------------------------------------------------------------------------------------

export interface RunInsert {
  kind: CreditRunKind;
  model_id: string;
  model_version: number;
  trigger: string;
  as_of: string;
  entity_id?: string | null;
  created_by: string | null;
  status?: CreditRunStatus;
}

export const insertRun = (db: Kysely<DB>, run: RunInsert) =>
  db
    .insertInto('credit_run')
    .values({ ...run, entity_id: run.entity_id ?? null })
    .returning(['id', 'seq'])
    .executeTakeFirstOrThrow();

export async function updateRun(
  db: Kysely<DB>,
  id: string,
  patch: {
    status?: CreditRunStatus;
    progress?: number;
    stage?: string | null;
    total?: number;
    counts?: Record<string, number>;
    before_counts?: Record<string, number>;
    movement?: { from: CreditClass | null; to: CreditClass; count: number }[];
    changed?: number;
    error?: string | null;
    started_at?: Date;
    finished_at?: Date;
  },
) {
  await db
    .updateTable('credit_run')
    .set({
      ...patch,
      counts: patch.counts && JSON.stringify(patch.counts),
      before_counts: patch.before_counts && JSON.stringify(patch.before_counts),
      movement: patch.movement && JSON.stringify(patch.movement),
    })
    .where('id', '=', id)
    .execute();
}

const RUN_COLUMNS = [
  'r.id',
  'r.seq',
  'r.kind',
  'r.model_id',
  'r.model_version',
  'r.status',
  'r.trigger',
  'r.as_of',
  'r.progress',
  'r.stage',
  'r.entity_id',
  'r.total',
  'r.counts',
  'r.before_counts',
  'r.movement',
  'r.changed',
  'r.error',
  'r.created_at',
  'r.started_at',
  'r.finished_at',
  'u.display_name as created_by_name',
] as const;

export const findRun = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('credit_run as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select(RUN_COLUMNS)
    .where('r.id', '=', id)
    .executeTakeFirst();

export async function listRuns(
  db: Kysely<DB>,
  f: { kinds: CreditRunKind[]; page: number; pageSize: number },
) {
  const q = db.selectFrom('credit_run as r').where('r.kind', 'in', f.kinds);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('app_user as u', 'u.id', 'r.created_by')
      .select(RUN_COLUMNS)
      .orderBy('r.seq', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The latest completed full run: the snapshot the current classes come from. */
export const latestFullRun = (db: Kysely<DB>) =>
  db
    .selectFrom('credit_run as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select(RUN_COLUMNS)
    .where('r.kind', '=', 'full')
    .where('r.status', '=', 'completed')
    .orderBy('r.seq', 'desc')
    .limit(1)
    .executeTakeFirst();

/**
 * The snapshot a draw records as the source of its strata: the latest completed full run, whose
 * classes entity.credit_class holds (with any incremental re-scores made since).
 */
export async function latestSnapshot(db: Kysely<DB>): Promise<{ id: string; finished_at: Date } | undefined> {
  const run = await db
    .selectFrom('credit_run')
    .select(['id', 'finished_at'])
    .where('kind', '=', 'full')
    .where('status', '=', 'completed')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return run ? { id: run.id, finished_at: run.finished_at as Date } : undefined;
}

/** Counts of the current classes of the businesses a run classifies (active, in the directory). */
export async function currentCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('entity')
    .select(['credit_class', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .where('in_directory', '=', true)
    .groupBy('credit_class')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.credit_class ?? 'none', Number(r.n)]));
}

// --- Scores -------------------------------------------------------------------------------------

/** A business's classifications, newest first, with each run's kind, date and model version. */
export const scoreHistory = (db: Kysely<DB>, entityId: string, limit: number) =>
  db
    .selectFrom('credit_score as s')
    .innerJoin('credit_run as r', 'r.seq', 's.run_seq')
    .select([
      'r.id as run_id',
      'r.kind',
      'r.as_of',
      'r.finished_at',
      'r.model_id',
      'r.model_version',
      's.score',
      's.class',
      's.prev_class',
      's.rule',
      's.points',
    ])
    .where('s.entity_id', '=', entityId)
    .where('r.status', '=', 'completed')
    .orderBy('s.run_seq', 'desc')
    .limit(limit)
    .execute();

export interface ChangedFilter {
  runSeq: number;
  regionPrefix: string;
  from?: CreditClass;
  to?: CreditClass;
  page: number;
  pageSize: number;
}

/** Businesses whose class this run changed, within a region. */
export async function changedInRun(db: Kysely<DB>, f: ChangedFilter) {
  let q = db
    .selectFrom('credit_score as s')
    .innerJoin('entity as e', 'e.id', 's.entity_id')
    .where('s.run_seq', '=', f.runSeq)
    .where(sql<boolean>`s.class is distinct from s.prev_class`)
    .where('e.region_code', 'like', `${f.regionPrefix}%`);
  if (f.from) q = q.where('s.prev_class', '=', f.from);
  if (f.to) q = q.where('s.class', '=', f.to);
  const [rows, total] = await Promise.all([
    q
      .select([
        'e.id',
        'e.identifier',
        'e.name',
        'e.region_code',
        's.prev_class',
        's.class',
        's.score',
        's.rule',
      ])
      .orderBy('s.score', 'desc')
      .orderBy('e.identifier')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
