// The import pipeline, the same for the web (a background job) and the CLI (inline): a worker
// parses and validates the file; its rows are copied into a staging table inside one transaction,
// merged and upserted; the issues and rejected rows are kept with the job. A dry run does the same
// and rolls back; a failure leaves the register as it was.
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import {
  type HeaderOverrides,
  ImportError,
  type ImportKind,
  type RowIssue,
} from '../../core/import/index.ts';
import type { Database, Tx } from '../../db/connection.ts';
import { type Actor, appendAudit, SYSTEM_ACTOR } from '../audit/repo.ts';
import {
  createStage,
  type MergeIssue,
  resolveStage,
  type StagedRejection,
  stageField,
  tuneImport,
  upsertStage,
} from './merge-repo.ts';
import { type Detection, type ParsedBatch, parseFile, type RejectedRow } from './parse.ts';
import * as repo from './repo.ts';
import { type StageContext, stageCopyColumns } from './stage-rows.ts';

/** The background queue of imports (src/jobs/definitions.ts). */
export const IMPORT_QUEUE = 'imports.run';

/** Issues and rejected rows kept per job; the counts stay exact beyond them. */
export const MAX_STORED_ISSUES = 100_000;
export const MAX_STORED_REJECTED = 100_000;
/** One import of a register at a time: the upsert's matching assumes nobody else writes meanwhile. */
const IMPORT_LOCK = 7_261_010;
const KIND_LOCK: Record<ImportKind, number> = { entities: 1, inspectors: 2, items: 3, joint_items: 3 };

/** A user's import is limited to their data scope; the system's (CLI) is not. */
export interface ImportScope {
  regionPrefix: string;
  orgPath: string;
}

export interface JobOptions {
  year: number;
  scope?: ImportScope;
  actor: Actor;
}

export interface JobMapping {
  overrides: HeaderOverrides;
  detection?: Detection;
}

export interface ImportSummary {
  jobId: string;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  detection: Detection;
  /** The first issues, in line order. */
  issues: (RowIssue & { severity: 'error' | 'warning' })[];
  /** An empty register loaded with its indexes built afterwards (bulk mode). */
  bulk: boolean;
  /** Milliseconds per step: reading and staging (parse, validate, COPY), merging, upserting. */
  timings: { stage: number; resolve: number; upsert: number };
}

export function currentYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

export async function createImportJob(
  database: Database,
  input: {
    kind: ImportKind;
    fileName: string;
    filePath: string;
    fileSize: number;
    orgId: string;
    createdBy: string | null;
    actor: Actor;
    overrides?: HeaderOverrides;
    year?: number;
    scope?: ImportScope;
  },
): Promise<string> {
  const options: JobOptions = { year: input.year ?? currentYear(), scope: input.scope, actor: input.actor };
  return repo.insertJob(database.db, {
    kind: input.kind,
    file_name: input.fileName,
    file_path: input.filePath,
    file_size: input.fileSize,
    org_id: input.orgId,
    created_by: input.createdBy,
    mapping: { overrides: input.overrides ?? {} } satisfies JobMapping,
    options,
  });
}

/** What the job's file and organisation give the worker. */
export async function stageContext(database: Database, job: repo.JobRow): Promise<StageContext> {
  const options = job.options as JobOptions;
  const org = await repo.findOrgRef(database.db, job.org_id);
  if (!org) throw new Error(`import job ${job.id}: organisation ${job.org_id} is gone`);
  // Inspectors name their department within the importer's organisation; items may name any owner.
  const orgs = await repo.orgRefs(
    database.db,
    job.kind === 'inspectors' ? (options.scope?.orgPath ?? '') : '',
  );
  return {
    kind: job.kind,
    year: options.year,
    org,
    orgs,
    regionPrefix: options.scope?.regionPrefix,
    scopePath: options.scope?.orgPath,
  };
}

/** Issues and rejected rows as they arrive, kept up to the caps, counted exactly. */
class Collector {
  issues: MergeIssue[] = [];
  rejected: RejectedRow[] = [];
  rejectedCount = 0;
  warningCount = 0;

  addBatch(batch: ParsedBatch): void {
    this.rejectedCount += batch.rejected.length;
    this.warningCount += batch.warnings.length;
    this.keep(batch.errors.map((e) => ({ ...e, severity: 'error' as const })));
    this.keep(batch.warnings.map((w) => ({ ...w, severity: 'warning' as const })));
    for (const row of batch.rejected) if (this.rejected.length < MAX_STORED_REJECTED) this.rejected.push(row);
  }

  keep(issues: MergeIssue[]): void {
    for (const issue of issues) if (this.issues.length < MAX_STORED_ISSUES) this.issues.push(issue);
  }

  sorted(): MergeIssue[] {
    return this.issues.sort(
      (a, b) => a.line - b.line || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
    );
  }
}

/**
 * processed_rows for the UI. On PostgreSQL another connection writes it while the import
 * transaction runs; PGlite has one connection, so there it is written only between steps.
 */
class Progress {
  private last = 0;
  private pending: Promise<unknown> = Promise.resolve();

  private readonly database: Database;
  private readonly jobId: string;

  constructor(database: Database, jobId: string) {
    this.database = database;
    this.jobId = jobId;
  }

  report(processed: number, total: number | undefined, wait: boolean): Promise<unknown> {
    const now = Date.now();
    if (now - this.last < 500) return Promise.resolve();
    this.last = now;
    this.pending = this.pending
      .then(() =>
        repo.updateJob(this.database.db, this.jobId, {
          processed_rows: processed,
          total_rows: total ?? null,
        }),
      )
      .catch(() => {});
    return wait ? this.pending : Promise.resolve();
  }

  settle(): Promise<unknown> {
    return this.pending;
  }
}

/** PGlite: the parsed rows go to a temporary file first, so progress shows while the file is read. */
async function spool(batches: AsyncIterable<{ text: string; rows: number }>): Promise<{
  replay: () => AsyncGenerator<{ text: string; rows: number }>;
  dispose: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'tianping-import-'));
  const file = join(dir, 'stage.copy');
  const out = createWriteStream(file);
  const sizes: { bytes: number; rows: number }[] = [];
  for await (const batch of batches) {
    if (!batch.rows) continue;
    const bytes = Buffer.from(batch.text);
    sizes.push({ bytes: bytes.byteLength, rows: batch.rows });
    if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  return {
    async *replay() {
      const handle = await open(file, 'r');
      try {
        for (const { bytes, rows } of sizes) {
          const buffer = Buffer.alloc(bytes);
          await handle.read(buffer, 0, bytes);
          yield { text: buffer.toString(), rows };
        }
      } finally {
        await handle.close();
      }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Thrown to roll a dry run back, carrying what it would have done. */
class DryRunDone extends Error {
  readonly summary: ImportSummary;

  constructor(summary: ImportSummary) {
    super('dry run');
    this.summary = summary;
  }
}

/** A row rejected after staging, written back in the file's columns from what was staged. */
function rejectedFromStage(row: StagedRejection, detection: Detection): RejectedRow {
  const width = Math.max(0, ...detection.columns.map((c) => c.index + 1));
  const cells = Array.from({ length: width }, (_, i) => {
    const field = detection.columns.find((c) => c.index === i)?.field;
    const value = field === undefined ? undefined : row.values[stageField(field)];
    if (value === null || value === undefined) return '';
    return Array.isArray(value) ? value.join('、') : String(value);
  });
  return { line: row.line, cells, reasons: row.reasons };
}

/** Fields that have a column in the file. */
function givenFields(detection: Detection): Set<string> {
  return new Set(detection.columns.flatMap((c) => (c.field ? [c.field] : [])));
}

async function storeResults(
  tx: Pick<Tx, 'db' | 'copyIn'>,
  jobId: string,
  collector: Collector,
  summary: ImportSummary,
): Promise<void> {
  await repo.clearResults(tx.db, jobId);
  await tx.copyIn(
    'import_issue',
    ['job_id', 'line', 'severity', 'column_name', 'field', 'value', 'reason'],
    collector.sorted().map((i) => [jobId, i.line, i.severity, i.column, i.field, i.value, i.reason]),
  );
  await tx.copyIn(
    'import_rejected_row',
    ['job_id', 'line', 'cells', 'reasons'],
    collector.rejected.map((r) => [jobId, r.line, JSON.stringify(r.cells), r.reasons]),
  );
  await repo.updateJob(tx.db, jobId, {
    status: 'done',
    dry_run: summary.dryRun,
    processed_rows: summary.rows,
    total_rows: summary.rows,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    warnings: summary.warnings,
    error: null,
    finished_at: new Date(),
  });
}

/**
 * Runs an import job to the end: parses its file, validates, stages, merges and upserts, stores
 * issues and counts on the job and audits a real run. Throws when the file cannot be imported at
 * all (an ImportError carries the message for the user); the job is then marked failed.
 */
export async function runImportJob(
  database: Database,
  jobId: string,
  run: {
    dryRun: boolean;
    overrides?: HeaderOverrides;
    /** From this many rows on, an empty register is loaded with deferred indexes (tests lower it). */
    bulkRows?: number;
  },
): Promise<ImportSummary> {
  const job = await repo.findJob(database.db, jobId);
  if (!job?.file_path) throw new Error(`import job ${jobId} has no file`);
  const options = job.options as JobOptions;
  const mapping = job.mapping as JobMapping;
  const overrides = run.overrides ?? mapping.overrides ?? {};
  await repo.updateJob(database.db, jobId, {
    status: 'running',
    dry_run: run.dryRun,
    started_at: new Date(),
    finished_at: null,
    error: null,
    processed_rows: 0,
    mapping: { ...mapping, overrides },
  });

  const context = await stageContext(database, job);
  const parse = parseFile({
    filePath: job.file_path,
    fileName: job.file_name,
    kind: job.kind,
    overrides,
    context,
  });
  const collector = new Collector();
  const progress = new Progress(database, jobId);
  let disposeSpool = async () => {};
  try {
    const detection = await parse.detected;
    await repo.updateJob(database.db, jobId, { mapping: { overrides, detection } satisfies JobMapping });
    const collect = async function* (wait: boolean) {
      for await (const batch of parse.batches()) {
        collector.addBatch(batch);
        await progress.report(batch.processed, batch.total, wait);
        yield { text: batch.text, rows: batch.rows };
      }
    };
    let encoded: AsyncIterable<{ text: string; rows: number }>;
    if (database.backend === 'pglite') {
      const spooled = await spool(collect(true));
      disposeSpool = spooled.dispose;
      encoded = spooled.replay();
    } else encoded = collect(false);

    const headerOf = (field: string, label: string) =>
      detection.columns.find((c) => c.field === field)?.header ?? label;
    const summary = await database
      .transaction(async (tx) => {
        await sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, ${KIND_LOCK[job.kind]})`.execute(tx.db);
        await tuneImport(tx.db);
        await createStage(tx.db, job.kind);
        const started = performance.now();
        await tx.copyIn('import_stage', stageCopyColumns(job.kind), { encoded });
        const staged = performance.now();
        await progress.settle();
        const merged = await resolveStage(tx.db, job.kind, { context, headerOf, limit: MAX_STORED_ISSUES });
        const resolved = performance.now();
        collector.keep(merged.issues);
        const counts = await upsertStage(tx.db, job.kind, context, givenFields(detection), {
          backend: database.backend,
          bulkRows: run.bulkRows,
          dryRun: run.dryRun,
        });
        const timings = {
          stage: Math.round(staged - started),
          resolve: Math.round(resolved - staged),
          upsert: Math.round(performance.now() - resolved),
        };
        const result: ImportSummary = {
          jobId,
          dryRun: run.dryRun,
          rows: parse.processed(),
          ...counts,
          rejected: collector.rejectedCount + merged.rejected,
          warnings: collector.warningCount + merged.merged,
          detection,
          issues: [],
          timings,
        };
        for (const row of merged.rejectedRows) {
          if (collector.rejected.length < MAX_STORED_REJECTED)
            collector.rejected.push(rejectedFromStage(row, detection));
        }
        if (run.dryRun) throw new DryRunDone(result);
        await appendAudit(tx.db, options.actor ?? SYSTEM_ACTOR, {
          action: 'import.completed',
          subjectType: 'import_job',
          subjectId: jobId,
          orgId: job.org_id,
          after: {
            kind: job.kind,
            file: job.file_name,
            rows: result.rows,
            inserted: result.inserted,
            updated: result.updated,
            unchanged: result.unchanged,
            rejected: result.rejected,
            warnings: result.warnings,
          },
        });
        await storeResults(tx, jobId, collector, result);
        return result;
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof DryRunDone)) throw error;
        await database.transaction((tx) => storeResults(tx, jobId, collector, error.summary));
        return error.summary;
      });
    return { ...summary, issues: collector.sorted().slice(0, 100) };
  } catch (error) {
    await progress.settle();
    const message =
      error instanceof ImportError
        ? error.message
        : `导入失败：${(error as Error).message ?? String(error)}`.slice(0, 2000);
    await repo.updateJob(database.db, jobId, { status: 'failed', error: message, finished_at: new Date() });
    throw error;
  } finally {
    await parse.stop();
    await disposeSpool();
  }
}

/** The rejected rows of a job as the file had them, for the downloadable spreadsheet. */
export async function rejectedWorkbookSheets(database: Database, job: repo.JobRow) {
  const detection = (job.mapping as JobMapping).detection;
  const width = detection ? Math.max(0, ...detection.columns.map((c) => c.index + 1)) : 0;
  const header = Array.from(
    { length: width },
    (_, i) => detection?.columns.find((c) => c.index === i)?.header ?? `第${i + 1}列`,
  );
  const rows = await repo.rejectedRows(database.db, job.id);
  const issues = await repo.listIssues(database.db, job.id, { page: 1, pageSize: MAX_STORED_ISSUES });
  return [
    {
      name: '被拒绝的行',
      header: [...header, '原行号', '原因'],
      rows: rows.map((r) => {
        const cells = r.cells as string[];
        return [...Array.from({ length: width }, (_, i) => cells[i] ?? ''), r.line, r.reasons];
      }),
      widths: [...header.map((h) => Math.max(10, h.length * 2 + 2)), 8, 60],
    },
    {
      name: '问题清单',
      header: ['行号', '级别', '列', '值', '问题'],
      rows: issues.rows.map((i) => [
        i.line,
        i.severity === 'error' ? '错误' : '警告',
        i.column_name,
        i.value,
        i.reason,
      ]),
      widths: [8, 6, 16, 24, 70],
    },
  ];
}

/** Deletes a job's uploaded file once nothing needs it any more. */
export async function discardUpload(path: string | null): Promise<void> {
  if (path) await rm(path, { force: true });
}

/** The job body: run, then drop the uploaded file once a real import no longer needs it. */
export async function runImportJobAndTidy(
  database: Database,
  data: { jobId: string; dryRun: boolean; overrides?: HeaderOverrides },
): Promise<void> {
  try {
    await runImportJob(database, data.jobId, { dryRun: data.dryRun, overrides: data.overrides });
    if (!data.dryRun) {
      const job = await repo.findJob(database.db, data.jobId);
      await discardUpload(job?.file_path ?? null);
      await repo.updateJob(database.db, data.jobId, { file_path: null });
    }
  } catch {
    // The job row holds the failure for the user; a retry would fail the same way.
  }
}
