import { createReadStream, existsSync } from 'node:fs';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { chinaDate } from '../../core/inspections/rules.ts';
import type { InspectionStatus } from '../../db/schema.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { evidenceFile, MAX_FILE_BYTES, removeEvidence, uploadEvidence } from './evidence.ts';
import { referralTargets } from './repo.ts';
import {
  applyChanges,
  approve,
  type ChangeInput,
  consolidated,
  inspectionsForBusiness,
  inspectionViewFor,
  listForStaff,
  myTasks,
  publish,
  returnRecord,
  submit,
  taskViewForMember,
} from './service.ts';
import { deadlineSettings, setDeadlineSettings } from './settings.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const Version = Type.Integer({ minimum: 0 });
const STATUSES: readonly InspectionStatus[] = ['draft', 'submitted', 'returned', 'approved', 'published'];

/** Who reads inspections of their scope; reviewers and department administrators also decide. */
const STAFF_READERS = { access: ['reviewer', 'dept_admin', 'coordinator'] as const };
const DECIDERS = { access: ['reviewer', 'dept_admin'] as const };
const TEAM = { access: ['inspector'] as const };

const Change = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('field'), Type.Literal('finding')]),
  at: Type.Optional(Type.String({ format: 'date-time' })),
  baseVersion: Type.Optional(Version),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  value: Type.Optional(Type.Unknown()),
  checklistId: Type.Optional(Uuid),
  contentNo: Type.Optional(Type.String({ maxLength: 20 })),
  result: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

export async function inspectionRoutes(app: Api, ctx: AppContext) {
  const { database } = ctx;
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: 2, fields: 20, fieldSize: 2000, parts: 24 },
  });

  // ---- the inspector ----

  app.get(
    '/api/my/tasks',
    { config: TEAM, schema: { tags: ['inspections'], summary: 'My tasks: today, upcoming, overdue, done' } },
    async (request) => myTasks(database, request.user!),
  );

  app.get(
    '/api/tasks/:id/inspection',
    {
      config: TEAM,
      schema: {
        tags: ['inspections'],
        summary: 'A task for a team member: business, items, team, checklists, the department’s record',
        params: IdParams,
      },
    },
    async (request) => taskViewForMember(database, request.user!, request.params.id),
  );

  app.post(
    '/api/tasks/:id/inspection/changes',
    {
      config: TEAM,
      schema: {
        tags: ['inspections'],
        summary: 'Sync changes made on a device (idempotent per change id); answers the merged record',
        params: IdParams,
        body: Type.Object({
          baseVersion: Version,
          checklistIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
          changes: Type.Array(Change, { maxItems: 1000 }),
        }),
      },
    },
    async (request) =>
      applyChanges(database, request.user!, request.params.id, {
        ...request.body,
        changes: request.body.changes as ChangeInput[],
      }),
  );

  app.get(
    '/api/inspections/targets',
    {
      config: { access: ['inspector', 'reviewer', 'dept_admin', 'coordinator'] },
      schema: { tags: ['inspections'], summary: 'Departments of your district and city, to refer or notify' },
    },
    async (request) => {
      const region = request.user!.regionCode;
      return referralTargets(database.db, region.slice(0, 6), `${region.slice(0, 4)}00`);
    },
  );

  app.post(
    '/api/tasks/:id/inspection/submit',
    {
      config: TEAM,
      schema: {
        tags: ['inspections'],
        summary: 'The lead submits the department’s record for review',
        params: IdParams,
        body: Type.Object({ version: Version }),
      },
    },
    async (request) => submit(database, request.user!, request.params.id, request.body.version),
  );

  app.post(
    '/api/tasks/:id/inspection/evidence',
    {
      config: TEAM,
      schema: {
        tags: ['inspections'],
        summary:
          'Upload a photo or document (multipart: fields id, sha256, capturedAt, lat, lng, accuracy, note, checklistId, contentNo; then file, thumbnail)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw notFound('上传内容', 'Upload');
      const result = await uploadEvidence(
        database,
        ctx.config.dataDir,
        request.user!,
        request.params.id,
        request.parts(),
      );
      reply.status(result.duplicate ? 200 : 201);
      return result;
    },
  );

  app.post(
    '/api/evidence/:id/remove',
    {
      config: TEAM,
      schema: {
        tags: ['inspections'],
        summary: 'Take evidence off the record (kept in history)',
        params: IdParams,
      },
    },
    async (request) => removeEvidence(database, request.user!, request.params.id),
  );

  for (const which of ['file', 'thumbnail'] as const) {
    app.get(
      `/api/evidence/:id/${which}`,
      {
        config: { access: ['inspector', 'reviewer', 'dept_admin', 'coordinator'] },
        schema: { tags: ['inspections'], summary: `The evidence ${which}`, params: IdParams },
      },
      async (request, reply) => {
        const file = await evidenceFile(
          database,
          ctx.config.dataDir,
          request.user!,
          request.params.id,
          which,
        );
        if (!existsSync(file.path)) throw notFound('证据文件', 'Evidence file');
        const inline = file.mediaType.startsWith('image/') || file.mediaType === 'application/pdf';
        reply
          .type(file.mediaType)
          .header('cache-control', 'private, max-age=86400')
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          );
        return reply.send(createReadStream(file.path));
      },
    );
  }

  // ---- review and publication ----

  app.get(
    '/api/inspections',
    {
      config: STAFF_READERS,
      schema: {
        tags: ['inspections'],
        summary: 'Records of your scope by status (review queue: status=submitted)',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Array(Type.Union(STATUSES.map((s) => Type.Literal(s))), { maxItems: 5 }),
          ),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) =>
      listForStaff(database, request.user!, {
        statuses: (request.query.status as InspectionStatus[] | undefined) ?? ['submitted'],
        q: request.query.q?.trim() || undefined,
        orderBy: 'submitted',
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );

  app.get(
    '/api/inspections/due',
    {
      config: STAFF_READERS,
      schema: {
        tags: ['inspections'],
        summary: 'Due for publication: records not yet published, by their publication deadline',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => ({
      ...(await listForStaff(database, request.user!, {
        statuses: ['submitted', 'returned', 'approved'],
        q: request.query.q?.trim() || undefined,
        orderBy: 'deadline',
        page: request.query.page,
        pageSize: request.query.pageSize,
      })),
      today: chinaDate(new Date()),
      settings: await deadlineSettings(database.db),
    }),
  );

  app.get(
    '/api/inspections/:id',
    {
      config: { access: ['inspector', 'reviewer', 'dept_admin', 'coordinator'] },
      schema: {
        tags: ['inspections'],
        summary: 'A record with its task, team and checklists',
        params: IdParams,
      },
    },
    async (request) => inspectionViewFor(database, request.user!, request.params.id),
  );

  app.post(
    '/api/inspections/:id/approve',
    {
      config: DECIDERS,
      schema: {
        tags: ['inspections'],
        summary: 'Approve a submitted record: ready for publication; follow-ups start',
        params: IdParams,
        body: Type.Object({ version: Version }),
      },
    },
    async (request) => approve(database, request.user!, request.params.id, request.body.version),
  );

  app.post(
    '/api/inspections/:id/return',
    {
      config: DECIDERS,
      schema: {
        tags: ['inspections'],
        summary: 'Return a submitted record to the team with the reason',
        params: IdParams,
        body: Type.Object({ version: Version, reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request) =>
      returnRecord(database, request.user!, request.params.id, request.body.version, request.body.reason),
  );

  app.post(
    '/api/inspections/publish',
    {
      config: DECIDERS,
      schema: {
        tags: ['inspections'],
        summary: 'Mark approved records as published (公示)',
        body: Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 200 }) }),
      },
    },
    async (request) => publish(database, request.user!, request.body.ids),
  );

  app.get(
    '/api/tasks/:id/consolidated',
    {
      config: { access: ['inspector', 'reviewer', 'dept_admin', 'coordinator'] },
      schema: {
        tags: ['inspections'],
        summary: 'A joint task’s departments’ records side by side, for the lead department',
        params: IdParams,
      },
    },
    async (request) => consolidated(database, request.user!, request.params.id),
  );

  // ---- the business ----

  app.get(
    '/api/my/inspections',
    {
      config: { access: ['business'] },
      schema: { tags: ['inspections'], summary: 'The business’s own approved and published inspections' },
    },
    async (request) => inspectionsForBusiness(database, request.user!),
  );

  // ---- deadlines ----

  const Days = Type.Integer({ minimum: 1, maximum: 120 });
  app.get(
    '/api/settings/deadlines',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['inspections'], summary: 'Working-day deadlines' },
    },
    async () => deadlineSettings(database.db),
  );
  app.put(
    '/api/settings/deadlines',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['inspections'],
        summary: 'Change the working-day deadlines (publication default 20)',
        body: Type.Partial(
          Type.Object({
            publicationWorkingDays: Days,
            reminderWorkingDays: Days,
            acknowledgeWorkingDays: Days,
            reportWorkingDays: Days,
            recheckWorkingDays: Days,
          }),
          { additionalProperties: false },
        ),
      },
    },
    async (request) => setDeadlineSettings(database, request.user!, request.body),
  );
}
