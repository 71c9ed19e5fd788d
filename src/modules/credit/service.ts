// Credit-risk classification: the model's versions (draft → active → retired), runs (full
// snapshots, dry runs, incremental re-scores) and the events that move a score. Every change is
// audited in its own transaction; scoring itself is scoring.ts.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  CREDIT_CLASSES,
  contribution,
  DEFAULT_MODEL,
  type ModelDefinition,
  modelProblems,
} from '../../core/credit/index.ts';
import type { Database } from '../../db/connection.ts';
import type { CreditClass } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit, SYSTEM_ACTOR } from '../audit/repo.ts';
import { type CurrentUser, inRegionScope } from '../auth/access.ts';
import { findEntity } from '../entities/repo.ts';
import {
  entityEvents,
  findModel,
  findRun,
  insertModel,
  insertRun,
  type ModelRow,
  nextModelVersion,
  scoreHistory,
  updateModelHead,
  updateRun,
  writeIndicators,
} from './repo.ts';
import { dryRunMovement, type Movement, rescoreEntities, type ScoredRow, writeSnapshot } from './scoring.ts';

// Full runs hold it exclusively, re-scores shared: a re-score waits for a full run to finish, so
// the run's final class update never overwrites a newer re-score with an older result.
const CREDIT_LOCK = 7_261_004;

export const actorOf = (user: CurrentUser | null): Actor =>
  user ? { id: user.id, name: user.username } : SYSTEM_ACTOR;

/** Today in China, the date a run counts ages and recency from. */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Memory for one run's aggregates and joins, and for building its indexes in one sorted pass;
 * PGlite's WebAssembly heap is smaller.
 */
async function runSettings(database: Database, db: Database['db']) {
  const [work, maintenance] = database.backend === 'postgres' ? ['256MB', '1GB'] : ['64MB', '256MB'];
  await sql.raw(`set local work_mem = '${work}'`).execute(db);
  await sql.raw(`set local maintenance_work_mem = '${maintenance}'`).execute(db);
}

// --- Models -------------------------------------------------------------------------------------

/** A digest of a definition for the audit trail (whose payloads hold integers only). */
const digest = (def: ModelDefinition) =>
  createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 16);

const auditSummary = (m: ModelDefinition & { version: number }) => ({
  version: m.version,
  thresholds: m.thresholds,
  weights: Object.fromEntries(m.indicators.map((i) => [i.code, i.weight])),
  direct: m.direct.filter((d) => d.enabled).map((d) => `${d.when}→${d.class}`),
  digest: digest(m),
});

/** The active model, installing the default one (version 1) on first use. */
export async function activeModel(database: Database): Promise<ModelRow> {
  const found = await findModel(database.db, { status: 'active' });
  if (found) return found;
  await database.transaction(async ({ db }) => {
    await sql`select pg_advisory_xact_lock(${CREDIT_LOCK + 1})`.execute(db);
    if (await findModel(db, { status: 'active' })) return;
    const version = await nextModelVersion(db);
    const id = await insertModel(db, DEFAULT_MODEL, {
      version,
      status: 'active',
      note: '默认模型',
      createdBy: null,
    });
    await appendAudit(db, SYSTEM_ACTOR, {
      action: 'credit.model_activated',
      subjectType: 'credit_model',
      subjectId: id,
      after: auditSummary({ ...DEFAULT_MODEL, version }),
    });
  });
  return (await findModel(database.db, { status: 'active' }))!;
}

/** The draft being edited, made from the active version when there is none. */
export async function openDraft(database: Database, user: CurrentUser): Promise<ModelRow> {
  const existing = await findModel(database.db, { status: 'draft' });
  if (existing) return existing;
  const active = await activeModel(database);
  await database.transaction(async ({ db }) => {
    await sql`select pg_advisory_xact_lock(${CREDIT_LOCK + 1})`.execute(db);
    if (await findModel(db, { status: 'draft' })) return;
    const version = await nextModelVersion(db);
    const id = await insertModel(db, active, {
      version,
      status: 'draft',
      basedOn: active.version,
      note: '',
      createdBy: user.id,
    });
    await appendAudit(db, actorOf(user), {
      action: 'credit.model_drafted',
      subjectType: 'credit_model',
      subjectId: id,
      after: { version, based_on: active.version },
    });
  });
  return (await findModel(database.db, { status: 'draft' }))!;
}

function checkDefinition(def: ModelDefinition) {
  const problems = modelProblems(def);
  if (problems.length) {
    const p = problems[0];
    throw invalid(p.field, p.zh, p.en);
  }
}

/** Saves the draft's thresholds, direct rules and indicators (only a draft can change). */
export async function saveDraft(
  database: Database,
  user: CurrentUser,
  input: ModelDefinition & { note?: string },
): Promise<ModelRow> {
  const def: ModelDefinition = {
    thresholds: input.thresholds,
    direct: input.direct,
    indicators: input.indicators,
  };
  checkDefinition(def);
  const draft = await findModel(database.db, { status: 'draft' });
  if (!draft) throw notFound('草稿模型', 'Draft model');
  await database.transaction(async ({ db }) => {
    await updateModelHead(db, draft.id, { ...def, note: input.note });
    await writeIndicators(db, draft.id, def);
    await appendAudit(db, actorOf(user), {
      action: 'credit.model_saved',
      subjectType: 'credit_model',
      subjectId: draft.id,
      before: auditSummary(draft),
      after: auditSummary({ ...def, version: draft.version }),
    });
  });
  return (await findModel(database.db, { id: draft.id }))!;
}

export async function discardDraft(database: Database, user: CurrentUser) {
  const draft = await findModel(database.db, { status: 'draft' });
  if (!draft) throw notFound('草稿模型', 'Draft model');
  await database.transaction(async ({ db }) => {
    const used = await db
      .selectFrom('credit_run')
      .select('id')
      .where('model_id', '=', draft.id)
      .executeTakeFirst();
    // A draft with dry runs is kept as retired, so those runs still name their model.
    if (used)
      await db
        .updateTable('credit_model')
        .set({ status: 'retired', retired_at: new Date() })
        .where('id', '=', draft.id)
        .execute();
    else await db.deleteFrom('credit_model').where('id', '=', draft.id).execute();
    await appendAudit(db, actorOf(user), {
      action: 'credit.model_discarded',
      subjectType: 'credit_model',
      subjectId: draft.id,
      before: { version: draft.version },
    });
  });
}

/** Makes the draft the active version; the active one is retired and kept. */
export async function activateDraft(database: Database, user: CurrentUser): Promise<ModelRow> {
  const draft = await findModel(database.db, { status: 'draft' });
  if (!draft) throw notFound('草稿模型', 'Draft model');
  checkDefinition(draft);
  const active = await activeModel(database);
  await database.transaction(async ({ db }) => {
    await sql`select pg_advisory_xact_lock(${CREDIT_LOCK + 1})`.execute(db);
    await db
      .updateTable('credit_model')
      .set({ status: 'retired', retired_at: new Date() })
      .where('id', '=', active.id)
      .execute();
    await db
      .updateTable('credit_model')
      .set({ status: 'active', activated_at: new Date(), activated_by: user.id })
      .where('id', '=', draft.id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'credit.model_activated',
      subjectType: 'credit_model',
      subjectId: draft.id,
      before: auditSummary(active),
      after: auditSummary(draft),
    });
  });
  return (await findModel(database.db, { id: draft.id }))!;
}

// --- Runs ---------------------------------------------------------------------------------------

const countsOf = (movement: Movement[], side: 'from' | 'to') => {
  const counts: Record<string, number> = {};
  for (const m of movement) {
    const key = m[side] ?? 'none';
    counts[key] = (counts[key] ?? 0) + m.count;
  }
  return counts;
};

function summary(movement: Movement[]) {
  return {
    total: movement.reduce((s, m) => s + m.count, 0),
    counts: countsOf(movement, 'to'),
    before_counts: countsOf(movement, 'from'),
    changed: movement.filter((m) => m.from !== m.to).reduce((s, m) => s + m.count, 0),
  };
}

export interface RunRequest {
  kind: 'full' | 'dry_run';
  trigger: 'schedule' | 'manual' | 'cli' | 'seed' | 'bench';
  /** The version a dry run previews (the draft unless given); a full run uses the active one. */
  modelId?: string;
  asOf?: string;
}

/** Queues a run (refused while another full run is queued or running) and returns its id. */
export async function createRun(database: Database, user: CurrentUser | null, request: RunRequest) {
  const model =
    request.kind === 'full'
      ? await activeModel(database)
      : await findModel(database.db, request.modelId ? { id: request.modelId } : { status: 'draft' });
  if (!model) throw notFound('要预演的模型', 'Model to preview');
  try {
    return await database.transaction(async ({ db }) => {
      if (request.kind === 'full') await failInterruptedRuns(db);
      const run = await insertRun(db, {
        kind: request.kind,
        model_id: model.id,
        model_version: model.version,
        trigger: request.trigger,
        as_of: request.asOf ?? today(),
        created_by: user?.id ?? null,
      });
      if (request.kind === 'full')
        await appendAudit(db, actorOf(user), {
          action: 'credit.run_requested',
          subjectType: 'credit_run',
          subjectId: run.id,
          after: { seq: run.seq, model_version: model.version, trigger: request.trigger },
        });
      return run;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw conflict('已有一次全量分类正在进行', 'A full classification is already queued or running');
    throw error;
  }
}

/**
 * A full run still marked running while nobody holds the run lock was interrupted (a server
 * stopped in the middle; its transaction rolled back), and one queued for an hour was never
 * picked up: both are marked failed so that a new run can start.
 */
async function failInterruptedRuns(db: Database['db']) {
  const { rows } = await sql<{
    free: boolean;
  }>`select pg_try_advisory_xact_lock(${CREDIT_LOCK}) as free`.execute(db);
  await db
    .updateTable('credit_run')
    .set({ status: 'failed', stage: null, error: 'interrupted', finished_at: new Date() })
    .where('kind', '=', 'full')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'running'), eb.val(rows[0].free)]),
        eb.and([eb('status', '=', 'queued'), eb('created_at', '<', sql<Date>`now() - interval '1 hour'`)]),
      ]),
    )
    .execute();
}

/**
 * Carries out a queued run. A full run writes the snapshot, the classes and the run's counts in
 * one transaction; a dry run only counts. Progress is recorded as it goes (on PostgreSQL: PGlite
 * serialises everything, so the run's row changes only when it ends). A failure leaves the
 * classes as they were and records the error.
 */
export async function executeRun(database: Database, runId: string) {
  const run = await findRun(database.db, runId);
  if (!run) throw notFound('分类任务', 'Run');
  if (run.status !== 'queued') return run;
  const model = await findModel(database.db, { id: run.model_id });
  if (!model) throw new Error(`model ${run.model_id} of run ${run.id} is gone`);
  // On PostgreSQL the run's row is updated on a second connection while its transaction works (so
  // progress shows), once the run holds its lock; PGlite runs one transaction at a time, so there
  // the row is marked before.
  const postgres = database.backend === 'postgres';
  const running = () =>
    updateRun(database.db, run.id, { status: 'running', started_at: new Date(), stage: 'waiting' });
  const step = postgres
    ? (stage: string, progress: number) => updateRun(database.db, run.id, { stage, progress })
    : async () => {};
  if (!postgres) await running();
  try {
    await database.transaction(async ({ db }) => {
      await runSettings(database, db);
      if (run.kind === 'full') await sql`select pg_advisory_xact_lock(${CREDIT_LOCK})`.execute(db);
      if (postgres) await running();
      if (run.kind === 'dry_run') {
        await step('scoring', 5);
        const movement = await dryRunMovement(db, model, run.as_of);
        await updateRun(db, run.id, {
          ...summary(movement),
          movement,
          status: 'completed',
          progress: 100,
          stage: null,
          finished_at: new Date(),
        });
        return;
      }
      const movement = await writeSnapshot(db, model, run.as_of, run.seq, step);
      const s = summary(movement);
      await updateRun(db, run.id, {
        ...s,
        movement,
        status: 'completed',
        progress: 100,
        stage: null,
        finished_at: new Date(),
      });
      await appendAudit(db, actorOf(null), {
        action: 'credit.run_completed',
        subjectType: 'credit_run',
        subjectId: run.id,
        after: { seq: run.seq, model_version: model.version, ...s },
      });
    });
  } catch (error) {
    await updateRun(database.db, run.id, {
      status: 'failed',
      stage: null,
      error: (error as Error).message.slice(0, 500),
      finished_at: new Date(),
    });
    throw error;
  }
  return (await findRun(database.db, run.id))!;
}

/** Queues and carries out a run at once (CLI, seed, and servers without a job system). */
export async function runNow(database: Database, user: CurrentUser | null, request: RunRequest) {
  const { id } = await createRun(database, user, request);
  return executeRun(database, id);
}

/**
 * Re-scores some businesses with the active model (after their events), as one incremental run.
 * Returns the scored rows; businesses not in the directory or not active are left alone.
 */
export async function rescore(
  database: Database,
  entityIds: readonly string[],
  trigger = 'event',
): Promise<ScoredRow[]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const model = await activeModel(database);
  return database.transaction(async ({ db }) => {
    await sql`select pg_advisory_xact_lock_shared(${CREDIT_LOCK})`.execute(db);
    const run = await insertRun(db, {
      kind: 'incremental',
      model_id: model.id,
      model_version: model.version,
      trigger,
      as_of: today(),
      entity_id: ids.length === 1 ? ids[0] : null,
      created_by: null,
      status: 'running',
    });
    const rows = await rescoreEntities(db, model, today(), run.seq, ids);
    const movement: Movement[] = [];
    for (const r of rows) {
      const m = movement.find((x) => x.from === r.prev_class && x.to === r.class);
      if (m) m.count++;
      else movement.push({ from: r.prev_class, to: r.class, count: 1 });
    }
    await updateRun(db, run.id, {
      ...summary(movement),
      movement,
      status: 'completed',
      progress: 100,
      started_at: new Date(),
      finished_at: new Date(),
    });
    return rows;
  });
}

// --- Explanations -------------------------------------------------------------------------------

/** A score's factors: each indicator's points and contribution under the run's model version. */
export function explain(model: ModelDefinition, points: readonly number[]) {
  return model.indicators.map((ind, i) => ({
    code: ind.code,
    group: ind.group,
    name: ind.name,
    metric: ind.metric,
    weight: ind.weight,
    points: points[i] ?? 0,
    contribution: contribution(points[i] ?? 0, ind.weight),
  }));
}

export function checkClass(value: string | undefined): CreditClass | undefined {
  if (value === undefined) return undefined;
  if (!(CREDIT_CLASSES as readonly string[]).includes(value))
    throw invalid('class', '信用风险分类无效', 'Unknown credit class');
  return value as CreditClass;
}

export function entityInScope(user: CurrentUser, entity: { region_code: string } | undefined) {
  if (!entity) throw notFound('市场主体', 'Business');
  if (!inRegionScope(user, entity.region_code)) throw forbidden();
}

// --- Profiles and lists -------------------------------------------------------------------------

/** A business's credit profile: its latest classification explained, its history, its events. */
export async function entityProfile(database: Database, user: CurrentUser, id: string) {
  const db = database.db;
  const entity = await findEntity(db, id);
  entityInScope(user, entity);
  const e = entity!;
  const [history, events] = await Promise.all([scoreHistory(db, id, 60), entityEvents(db, id, 100)]);
  const models = new Map<string, ModelRow>();
  for (const modelId of new Set(history.map((h) => h.model_id))) {
    const m = await findModel(db, { id: modelId });
    if (m) models.set(modelId, m);
  }
  const latest = history[0];
  const model = latest && models.get(latest.model_id);
  return {
    entity: {
      id: e.id,
      identifier: e.identifier,
      name: e.name,
      kind: e.kind,
      legal_rep: e.legal_rep,
      region_code: e.region_code,
      industry_code: e.industry_code,
      registered_on: e.registered_on,
      status: e.status,
      credit_class: e.credit_class,
      abnormal_listed: e.abnormal_listed,
      serious_listed: e.serious_listed,
      complaint_count: e.complaint_count,
    },
    latest:
      latest && model
        ? {
            runId: latest.run_id,
            kind: latest.kind,
            asOf: latest.as_of,
            finishedAt: latest.finished_at,
            modelVersion: latest.model_version,
            score: latest.score,
            class: latest.class,
            prevClass: latest.prev_class,
            rule: latest.rule,
            thresholds: model.thresholds,
            factors: explain(model, latest.points).map((f, i) => ({ ...f, rule: model.indicators[i].rule })),
          }
        : null,
    history: history.map((h) => ({
      runId: h.run_id,
      kind: h.kind,
      asOf: h.as_of,
      finishedAt: h.finished_at,
      modelVersion: h.model_version,
      score: h.score,
      class: h.class,
      prevClass: h.prev_class,
      rule: h.rule,
    })),
    events,
  };
}
