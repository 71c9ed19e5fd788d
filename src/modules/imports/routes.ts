// Upload → detected mapping (editable) → dry run → run, with progress, issues and the rejected rows.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { CSV_BOM, csvLine } from '../../core/export/table.ts';
import {
  FIELDS,
  type HeaderOverrides,
  ImportError,
  type ImportKind,
  KIND_LABELS,
  REQUIRED,
  WORKBOOK_LIMITS,
} from '../../core/import/index.ts';
import type { Role } from '../../db/schema.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { attachment, workbookInWorker } from '../../http/download.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type CurrentUser, userRegionPrefix } from '../auth/access.ts';
import { detectFile } from './parse.ts';
import * as repo from './repo.ts';
import {
  createImportJob,
  discardUpload,
  IMPORT_QUEUE,
  type JobMapping,
  MAX_STORED_ISSUES,
  rejectedWorkbookSheets,
  runImportJobAndTidy,
  stageContext,
} from './service.ts';

/** CSV is streamed and may be large (a city's register); workbooks are parsed whole in memory. */
export const MAX_CSV_BYTES = 2 * 1024 ** 3;
const IMPORTERS: readonly Role[] = ['admin', 'dept_admin', 'coordinator'];
/** Who may import into which register: the item list is the coordinator's. */
const MAY_IMPORT: Record<ImportKind, readonly Role[]> = {
  entities: ['admin', 'dept_admin'],
  inspectors: ['admin', 'dept_admin'],
  items: ['admin', 'dept_admin', 'coordinator'],
  joint_items: ['admin', 'dept_admin', 'coordinator'],
};
const KINDS = Object.keys(MAY_IMPORT) as ImportKind[];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MapBody = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 100 }));

function mayImport(user: CurrentUser, kind: ImportKind): void {
  if (!MAY_IMPORT[kind].includes(user.role)) throw forbidden();
}

/** The fields of a register for the mapping editor: standard header, API name, required or not. */
export function fieldDictionary(kind: ImportKind) {
  const required = new Set(REQUIRED[kind].filter((alternatives) => alternatives.length === 1).flat());
  return FIELDS[kind].map((f) => ({
    field: f.field,
    label: f.label,
    synonyms: f.synonyms,
    required: required.has(f.field),
    oneOf:
      REQUIRED[kind].find((alternatives) => alternatives.length > 1 && alternatives.includes(f.field)) ??
      null,
  }));
}

async function jobInScope(ctx: AppContext, user: CurrentUser, id: string) {
  const job = await repo.findJob(ctx.database.db, id);
  if (!job) throw notFound('导入任务', 'Import job');
  if (!job.org_path.startsWith(user.orgPath)) throw forbidden();
  return job;
}

function ownJob(user: CurrentUser, job: repo.JobRow) {
  if (job.created_by !== user.id) {
    throw new DomainError(
      403,
      'forbidden',
      '只能操作自己上传的导入任务',
      'Only the uploader can run an import',
    );
  }
  mayImport(user, job.kind);
}

const present = (job: repo.JobRow | Awaited<ReturnType<typeof repo.listJobs>>['rows'][number]) => {
  const { mapping, options, ...rest } = job as repo.JobRow;
  const { file_path: _path, org_path: _orgPath, ...visible } = rest as repo.JobRow;
  return {
    ...visible,
    file_name: visible.file_name.replace(/^.*[/\\]/, ''),
    kind_label: KIND_LABELS[job.kind],
    year: (options as { year?: number }).year ?? null,
    mapping: mapping as JobMapping,
  };
};

/** Starts the job on the queue, or in this process where no job system runs (tests, tools). */
function startJob(ctx: AppContext, jobId: string, dryRun: boolean, overrides: HeaderOverrides) {
  if (ctx.jobs) return ctx.jobs.send(IMPORT_QUEUE, { jobId, dryRun, overrides });
  void runImportJobAndTidy(ctx.database, { jobId, dryRun, overrides });
  return Promise.resolve(jobId);
}

export async function importRoutes(app: Api, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } });
  const uploads = join(ctx.config.dataDir, 'imports');

  app.get(
    '/api/imports/fields',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'The fields of a register, for mapping a file’s columns',
        querystring: Type.Object({ kind: literals(KINDS) }),
      },
    },
    async (request) => fieldDictionary(request.query.kind),
  );

  app.post(
    '/api/imports',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'Upload a file (multipart, one part): returns the job and the detected header mapping',
        querystring: Type.Object({
          kind: literals(KINDS),
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        }),
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const { kind, year } = request.query;
      mayImport(user, kind);
      if (!request.isMultipart()) throw invalid('file', '请选择要上传的文件', 'Choose a file to upload');
      const part = await request.file();
      if (!part) throw invalid('file', '请选择要上传的文件', 'Choose a file to upload');
      const extension = /\.(csv|xlsx|xls|xlsm)$/i.exec(part.filename)?.[1]?.toLowerCase();
      if (!extension) {
        part.file.resume();
        throw invalid('file', '请上传 .xlsx、.xls 或 .csv 文件', 'Upload an .xlsx, .xls or .csv file');
      }
      mkdirSync(uploads, { recursive: true });
      const path = join(uploads, `${randomUUID()}.${extension}`);
      try {
        await pipeline(part.file, createWriteStream(path));
      } catch (error) {
        await discardUpload(path);
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new DomainError(413, 'too_large', '文件超过 2 GB 上限', 'The file exceeds 2 GB');
        }
        throw error;
      }
      const size = part.file.bytesRead;
      if (extension !== 'csv' && size > WORKBOOK_LIMITS.maxBytes) {
        await discardUpload(path);
        throw new DomainError(
          413,
          'too_large',
          `表格文件超过 ${WORKBOOK_LIMITS.maxBytes / 1024 / 1024} MB 上限，请另存为 CSV 后上传`,
          'The workbook is too large: save it as CSV',
        );
      }
      const jobId = await createImportJob(ctx.database, {
        kind,
        fileName: part.filename,
        filePath: path,
        fileSize: size,
        orgId: user.orgId,
        createdBy: user.id,
        actor: { id: user.id, name: user.username },
        year,
        scope: { regionPrefix: userRegionPrefix(user), orgPath: user.orgPath },
      });
      const job = (await repo.findJob(ctx.database.db, jobId))!;
      try {
        const detection = await detectFile({
          filePath: path,
          fileName: part.filename,
          kind,
          overrides: {},
          context: await stageContext(ctx.database, job),
        });
        await repo.updateJob(ctx.database.db, jobId, { mapping: { overrides: {}, detection } });
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        await repo.updateJob(ctx.database.db, jobId, {
          status: 'failed',
          error: error.message,
          finished_at: new Date(),
        });
      }
      reply.status(201);
      return { job: present((await repo.findJob(ctx.database.db, jobId))!), fields: fieldDictionary(kind) };
    },
  );

  app.post(
    '/api/imports/:id/mapping',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'Map file headers to fields (文件表头 → 标准表头 or field name) and detect again',
        params: IdParams,
        body: Type.Object({ map: MapBody }),
      },
    },
    async (request) => {
      const user = request.user!;
      const job = await jobInScope(ctx, user, request.params.id);
      ownJob(user, job);
      if (!job.file_path || job.status === 'running' || job.status === 'queued') {
        throw conflict('该导入任务已在运行或已完成', 'The import is running or finished');
      }
      const overrides = request.body.map;
      try {
        const detection = await detectFile({
          filePath: job.file_path,
          fileName: job.file_name,
          kind: job.kind,
          overrides,
          context: await stageContext(ctx.database, job),
        });
        await repo.updateJob(ctx.database.db, job.id, {
          mapping: { overrides, detection } satisfies JobMapping,
          status: 'uploaded',
          error: null,
        });
      } catch (error) {
        if (error instanceof ImportError) throw invalid('map', error.message, 'The mapping cannot be used');
        throw error;
      }
      return { job: present((await repo.findJob(ctx.database.db, job.id))!) };
    },
  );

  app.post(
    '/api/imports/:id/run',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'Run the import (or a dry run that changes nothing) in the background',
        params: IdParams,
        body: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const job = await jobInScope(ctx, user, request.params.id);
      ownJob(user, job);
      if (job.status === 'running' || job.status === 'queued') {
        throw conflict('该导入任务正在运行', 'The import is already running');
      }
      if (!job.file_path || (job.status === 'done' && !job.dry_run)) {
        throw conflict('该文件已导入，如需再次导入请重新上传', 'Already imported: upload the file again');
      }
      const mapping = job.mapping as JobMapping;
      if (mapping.detection?.missing.length) {
        throw invalid(
          'map',
          `缺少必需的列：${mapping.detection.missing.map((m) => m.label).join('、')}，请先设置列映射`,
          'Required columns are missing: map them first',
        );
      }
      await repo.updateJob(ctx.database.db, job.id, {
        status: 'queued',
        dry_run: request.body.dryRun,
        error: null,
      });
      await startJob(ctx, job.id, request.body.dryRun, mapping.overrides ?? {});
      reply.status(202);
      return { job: present((await repo.findJob(ctx.database.db, job.id))!) };
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'Imports in your organisation and below, newest first',
        querystring: Type.Object({
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
      },
    },
    async (request) => {
      const result = await repo.listJobs(
        ctx.database.db,
        request.user!.orgPath,
        request.query.page,
        request.query.pageSize,
      );
      return { ...result, rows: result.rows.map(present) };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: IMPORTERS },
      schema: { tags: ['imports'], summary: 'Status, progress and counts', params: IdParams },
    },
    async (request) => present(await jobInScope(ctx, request.user!, request.params.id)),
  );

  app.get(
    '/api/imports/:id/issues',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: `Rejections and warnings by line (the first ${MAX_STORED_ISSUES.toLocaleString('en')} are kept)`,
        params: IdParams,
        querystring: Type.Object({
          severity: Type.Optional(literals(['error', 'warning'] as const)),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
      },
    },
    async (request) => {
      const job = await jobInScope(ctx, request.user!, request.params.id);
      return repo.listIssues(ctx.database.db, job.id, request.query);
    },
  );

  app.get(
    '/api/imports/:id/rejected',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['imports'],
        summary: 'The rejected rows with a 原因 column (and the issue list, in .xlsx)',
        params: IdParams,
        querystring: Type.Object({ format: literals(['xlsx', 'csv'] as const) }),
      },
    },
    async (request, reply) => {
      const job = await jobInScope(ctx, request.user!, request.params.id);
      const sheets = await rejectedWorkbookSheets(ctx.database, job);
      const base = `${job.file_name.replace(/^.*[/\\]|\.[^.]+$/g, '')}-被拒绝的行`;
      reply.header('cache-control', 'no-store');
      if (request.query.format === 'csv') {
        const [rejected] = sheets;
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachment(`${base}.csv`));
        return CSV_BOM + [rejected.header, ...rejected.rows].map(csvLine).join('');
      }
      const bytes = await workbookInWorker(sheets);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment(`${base}.xlsx`));
      return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
