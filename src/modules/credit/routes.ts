// Credit-risk classification over HTTP. Classes are internal (DOMAIN.md §4): no route here is
// public or open to the business role; the coordinator edits the model and runs classifications;
// department staff read profiles and changes within their region.
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { ModelDefinition } from '../../core/credit/index.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { userRegionPrefix } from '../auth/access.ts';
import { EVENT_KINDS, importEvents, recordEvent } from './events.ts';
import {
  changedInRun,
  currentCounts,
  findModel,
  findRun,
  latestFullRun,
  listModels,
  listRuns,
} from './repo.ts';
import {
  activateDraft,
  activeModel,
  checkClass,
  createRun,
  discardDraft,
  entityProfile,
  executeRun,
  openDraft,
  saveDraft,
} from './service.ts';

const COORDINATOR = { access: ['coordinator'] as const };
const REGION_STAFF = { access: ['coordinator', 'dept_admin'] as const };
const PROFILE_READERS = { access: ['coordinator', 'dept_admin', 'reviewer', 'inspector'] as const };

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ClassSchema = Type.Union(['A', 'B', 'C', 'D'].map((c) => Type.Literal(c)));
const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

// The model as the editor sends it; modelProblems (core/credit) checks the rules in detail.
const ModelBody = Type.Object({
  note: Type.Optional(Type.String({ maxLength: 200 })),
  thresholds: Type.Object({ B: Type.Integer(), C: Type.Integer(), D: Type.Integer() }),
  direct: Type.Array(Type.Object({ when: Type.String(), class: ClassSchema, enabled: Type.Boolean() }), {
    maxItems: 10,
  }),
  indicators: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 40 }),
      group: Type.String(),
      name: Type.String({ maxLength: 50 }),
      metric: Type.String(),
      weight: Type.Integer(),
      rule: Type.Object({}, { additionalProperties: true }),
    }),
    { maxItems: 30 },
  ),
});

export async function creditRoutes(app: Api, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 5 } });

  app.get(
    '/api/credit/summary',
    {
      config: COORDINATOR,
      schema: {
        tags: ['credit'],
        summary:
          'Current classes, the latest snapshot with its movement, the active model, a run in progress',
      },
    },
    async () => {
      const db = ctx.database.db;
      const [model, snapshot, counts, running] = await Promise.all([
        activeModel(ctx.database),
        latestFullRun(db),
        currentCounts(db),
        db
          .selectFrom('credit_run')
          .select(['id', 'kind', 'status', 'progress', 'stage'])
          .where('status', 'in', ['queued', 'running'])
          .where('kind', 'in', ['full', 'dry_run'])
          .orderBy('seq', 'desc')
          .execute(),
      ]);
      return {
        model: { id: model.id, version: model.version, activatedAt: model.activated_at },
        counts,
        snapshot: snapshot ?? null,
        running,
      };
    },
  );

  app.get(
    '/api/credit/runs',
    {
      config: COORDINATOR,
      schema: {
        tags: ['credit'],
        summary: 'Full runs (snapshots) or dry runs, newest first',
        querystring: Type.Object({
          kind: Type.Union([Type.Literal('full'), Type.Literal('dry_run'), Type.Literal('incremental')], {
            default: 'full',
          }),
          ...Paging,
        }),
      },
    },
    async (request) =>
      listRuns(ctx.database.db, {
        kinds: [request.query.kind],
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );

  app.get(
    '/api/credit/runs/:id',
    {
      config: COORDINATOR,
      schema: { tags: ['credit'], summary: 'One run and its progress', params: IdParams },
    },
    async (request) => {
      const run = await findRun(ctx.database.db, request.params.id);
      if (!run) throw notFound('分类任务', 'Run');
      return run;
    },
  );

  app.post(
    '/api/credit/runs',
    {
      config: COORDINATOR,
      schema: {
        tags: ['credit'],
        summary:
          'Start a full classification (active model) or a dry run of a model version (the draft by default)',
        body: Type.Object({
          kind: Type.Union([Type.Literal('full'), Type.Literal('dry_run')]),
          modelId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
      },
    },
    async (request, reply) => {
      const { kind, modelId } = request.body;
      const run = await createRun(ctx.database, request.user!, { kind, modelId, trigger: 'manual' });
      // With a job system the run goes to the background; without one (tests, a bare server) it
      // runs before the answer.
      if (ctx.jobs) await ctx.jobs.send('credit.classify', { runId: run.id });
      else await executeRun(ctx.database, run.id);
      reply.status(202);
      return findRun(ctx.database.db, run.id);
    },
  );

  app.get(
    '/api/credit/models',
    { config: COORDINATOR, schema: { tags: ['credit'], summary: 'Model versions, newest first' } },
    async () => listModels(ctx.database.db),
  );

  app.get(
    '/api/credit/models/:id',
    {
      config: COORDINATOR,
      schema: { tags: ['credit'], summary: 'A model version with its indicators', params: IdParams },
    },
    async (request) => {
      const model = await findModel(ctx.database.db, { id: request.params.id });
      if (!model) throw notFound('模型版本', 'Model version');
      return model;
    },
  );

  app.post(
    '/api/credit/models/draft',
    {
      config: COORDINATOR,
      schema: { tags: ['credit'], summary: 'The draft version, made from the active one if there is none' },
    },
    async (request) => openDraft(ctx.database, request.user!),
  );

  app.put(
    '/api/credit/models/draft',
    {
      config: COORDINATOR,
      schema: {
        tags: ['credit'],
        summary: 'Save the draft: thresholds, direct rules, indicators',
        body: ModelBody,
      },
    },
    async (request) =>
      saveDraft(ctx.database, request.user!, request.body as unknown as ModelDefinition & { note?: string }),
  );

  app.delete(
    '/api/credit/models/draft',
    { config: COORDINATOR, schema: { tags: ['credit'], summary: 'Discard the draft' } },
    async (request) => {
      await discardDraft(ctx.database, request.user!);
      return { ok: true };
    },
  );

  app.post(
    '/api/credit/models/draft/activate',
    {
      config: COORDINATOR,
      schema: {
        tags: ['credit'],
        summary: 'Make the draft the active version (the next run uses it); the previous one is retired',
      },
    },
    async (request) => activateDraft(ctx.database, request.user!),
  );

  app.get(
    '/api/credit/changes',
    {
      config: REGION_STAFF,
      schema: {
        tags: ['credit'],
        summary: 'Businesses in your region whose class a full run changed (the latest by default)',
        querystring: Type.Object({
          run: Type.Optional(Type.String({ format: 'uuid' })),
          from: Type.Optional(ClassSchema),
          to: Type.Optional(ClassSchema),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const run = q.run ? await findRun(ctx.database.db, q.run) : await latestFullRun(ctx.database.db);
      if (q.run && run?.kind !== 'full') throw notFound('全量分类', 'Full run');
      if (!run) return { run: null, rows: [], total: 0 };
      const page = await changedInRun(ctx.database.db, {
        runSeq: run.seq,
        regionPrefix: userRegionPrefix(request.user!),
        from: checkClass(q.from),
        to: checkClass(q.to),
        page: q.page,
        pageSize: q.pageSize,
      });
      return { run: { id: run.id, seq: run.seq, finished_at: run.finished_at }, ...page };
    },
  );

  app.get(
    '/api/credit/entities/:id',
    {
      config: PROFILE_READERS,
      schema: {
        tags: ['credit'],
        summary: "A business's credit profile: the factors of its class, its history, its events",
        params: IdParams,
      },
    },
    async (request) => entityProfile(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/credit/events',
    {
      config: REGION_STAFF,
      schema: {
        tags: ['credit'],
        summary:
          'Record one event (penalty, complaint, list entry or removal, inspection result, registration change)',
        body: Type.Object({
          entityId: Type.String({ format: 'uuid' }),
          kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))),
          occurredOn: Type.String({ format: 'date' }),
          severity: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
          amountYuan: Type.Optional(Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,2})?$' })),
          subject: Type.Optional(Type.String({ maxLength: 100 })),
          ref: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          details: Type.Optional(
            Type.Record(Type.String(), Type.String({ maxLength: 500 }), { maxProperties: 10 }),
          ),
        }),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return recordEvent(ctx, request.user!, request.body);
    },
  );

  app.post(
    '/api/credit/imports/:kind',
    {
      config: REGION_STAFF,
      schema: {
        tags: ['credit'],
        summary:
          'Import penalties or complaints from .xlsx/.xls/.csv (multipart, part "file"); every rejected row is reported',
        consumes: ['multipart/form-data'],
        params: Type.Object({ kind: Type.Union([Type.Literal('penalties'), Type.Literal('complaints')]) }),
      },
    },
    async (request) => {
      const part = await request.file();
      if (!part) throw invalid('file', '请选择要导入的文件', 'Choose a file to import');
      const file = { name: part.filename, bytes: await part.toBuffer() };
      return importEvents(ctx, request.user!, request.params.kind, file);
    },
  );
}
