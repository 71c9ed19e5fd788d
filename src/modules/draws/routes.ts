import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { publicRoute, sendPublic } from '../../http/public.ts';
import { PLANNERS } from '../plans/routes.ts';
import { readablePlan } from '../plans/service.ts';
import { type AdjustmentInput, adjustDraw } from './adjust.ts';
import { drandRoundAt, drandRoundTime, QUICKNET } from './drand.ts';
import { kitDraw, kitJson } from './kit.ts';
import { drawListRow, listDraws, publicDraw, publicPicks } from './repo.ts';
import {
  abandonDraw,
  commitDraw,
  completeDraw,
  operatorOf,
  previewDraw,
  type RevealInput,
  revealDraw,
  type SourceInput,
} from './service.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
/** Public pages address a draw by its id or its code (D2026-000001). */
const DrawRef = Type.Object({ id: Type.String({ pattern: '^([0-9a-fA-F-]{36}|D\\d{4}-\\d{6,})$' }) });
const Page = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
};
const Reason = Type.String({ minLength: 1, maxLength: 500 });

const SourceBody = Type.Union([
  Type.Object({ kind: Type.Literal('values'), description: Type.String({ minLength: 1, maxLength: 500 }) }),
  Type.Object({
    kind: Type.Literal('drand'),
    chain: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    round: Type.Integer({ minimum: 1 }),
  }),
  Type.Object({ kind: Type.Literal('secret'), sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }),
]);

const RevealBody = Type.Union([
  Type.Object({
    kind: Type.Literal('values'),
    groups: Type.Array(Type.Array(Type.Integer({ minimum: 0, maximum: 1e15 }), { maxItems: 100 }), {
      maxItems: 20,
    }),
  }),
  Type.Object({ kind: Type.Literal('drand'), beacon: Type.Unknown() }),
  Type.Object({ kind: Type.Literal('secret'), secretHex: Type.String({ maxLength: 2048 }) }),
]);

export async function drawRoutes(app: Api, ctx: AppContext) {
  const { database } = ctx;
  const PUBLIC = publicRoute(ctx.config);

  // ---- staff: preview, commit, reveal, complete, abandon, adjust ----

  app.get(
    '/api/plans/:id/preview',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Frame counts and sample sizes per stratum, as a draw would freeze them now',
        params: IdParams,
        querystring: Type.Object({ batchId: Uuid }),
      },
    },
    async (request) => previewDraw(database, request.user!, request.params.id, request.query.batchId),
  );

  app.post(
    '/api/plans/:id/draws',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Freeze the frame and publish the commitment of a new draw',
        params: IdParams,
        body: Type.Object({ batchId: Uuid, sources: Type.Array(SourceBody, { minItems: 1, maxItems: 5 }) }),
      },
    },
    async (request, reply) => {
      reply.status(201);
      const { id, code, commitmentDigest, committedAt } = await commitDraw(
        database,
        operatorOf(request.user!),
        request.params.id,
        { batchId: request.body.batchId, sources: request.body.sources as SourceInput[] },
      );
      return { id, code, commitmentDigest, committedAt };
    },
  );

  app.get(
    '/api/draws',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Draws of plans owned in your scope',
        querystring: Type.Object({
          planId: Type.Optional(Uuid),
          status: Type.Optional(
            Type.Union(['committed', 'revealed', 'completed', 'abandoned'].map((s) => Type.Literal(s))),
          ),
          ...Page,
        }),
      },
    },
    async (request) => {
      const { rows, total } = await listDraws(database.db, {
        ...request.query,
        status: request.query.status as 'committed' | undefined,
        orgPath: request.user!.orgPath,
      });
      return { total, rows: rows.map(drawListRow) };
    },
  );

  app.get(
    '/api/draws/:id',
    { config: PLANNERS, schema: { tags: ['draws'], params: IdParams } },
    async (request) => {
      const draw = await publicDraw(database.db, request.params.id);
      const plan = await readablePlan(database.db, request.user!, draw.planId);
      return { ...draw, planOrgId: plan.org_id, canAct: plan.org_path.startsWith(request.user!.orgPath) };
    },
  );

  app.post(
    '/api/draws/:id/reveal',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Enter the published values of the declared sources; draws businesses and teams',
        params: IdParams,
        body: Type.Object({ reveal: Type.Array(RevealBody, { minItems: 1, maxItems: 5 }) }),
      },
    },
    async (request) =>
      revealDraw(
        database,
        operatorOf(request.user!),
        request.params.id,
        request.body.reveal as RevealInput[],
      ),
  );

  app.post(
    '/api/draws/:id/complete',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Finish a revealed draw that was interrupted (deterministic)',
        params: IdParams,
      },
    },
    async (request) => completeDraw(database, operatorOf(request.user!), request.params.id),
  );

  app.post(
    '/api/draws/:id/abandon',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Abandon a draw publicly, with the reason',
        params: IdParams,
        body: Type.Object({ reason: Reason }),
      },
    },
    async (request) => {
      await abandonDraw(database, operatorOf(request.user!), request.params.id, request.body.reason);
      return { ok: true };
    },
  );

  app.post(
    '/api/draws/:id/adjustments',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'Replace a business by its alternate or an inspector, with the reason',
        params: IdParams,
        body: Type.Union([
          Type.Object({ kind: Type.Literal('replace_entity'), taskId: Uuid, reason: Reason }),
          Type.Object({
            kind: Type.Literal('replace_inspector'),
            taskId: Uuid,
            certNo: Type.String({ minLength: 1, maxLength: 50 }),
            reason: Reason,
          }),
        ]),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return adjustDraw(
        database,
        operatorOf(request.user!),
        request.params.id,
        request.body as AdjustmentInput,
      );
    },
  );

  app.get(
    '/api/drand/round',
    {
      config: PLANNERS,
      schema: {
        tags: ['draws'],
        summary: 'A quicknet round far enough ahead to be declared in a commitment now',
        querystring: Type.Object({
          afterSeconds: Type.Integer({ minimum: 30, maximum: 86_400, default: 120 }),
        }),
      },
    },
    async (request) => {
      const round = drandRoundAt(QUICKNET, Date.now() + request.query.afterSeconds * 1000) + 1;
      return { chain: QUICKNET.hash, round, at: new Date(drandRoundTime(QUICKNET, round)).toISOString() };
    },
  );

  // ---- public: list, draw page, picks, kit ----

  app.get(
    '/api/public/draws',
    {
      config: PUBLIC,
      schema: {
        tags: ['public'],
        summary: 'Every draw, newest first, abandoned ones included',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...Page,
        }),
      },
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, async () => {
        const { rows, total } = await listDraws(database.db, request.query);
        return { total, rows: rows.map(drawListRow) };
      }),
  );

  app.get(
    '/api/public/draws/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['public'],
        summary: 'A draw: parameters, commitment, sources, reveal, seed, counts, adjustments',
        params: DrawRef,
      },
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, async () => {
        const { planId: _plan, ...draw } = await publicDraw(database.db, request.params.id);
        return draw;
      }),
  );

  app.get(
    '/api/public/draws/:id/picks',
    {
      config: PUBLIC,
      schema: {
        tags: ['public'],
        summary: 'Drawn businesses with their tasks and teams (certificate numbers)',
        params: DrawRef,
        querystring: Type.Object({
          h: Type.Optional(Type.Integer({ minimum: 0 })),
          status: Type.Optional(Type.Literal('unassigned')),
          ...Page,
        }),
      },
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, async () => {
        const draw = await publicDraw(database.db, request.params.id);
        const { rows, total } = await publicPicks(database.db, draw.id, request.query);
        return {
          total,
          rows: rows.map((r) => ({
            stratum: draw.commitment.strata[r.h].label,
            h: r.h,
            rank: r.rank,
            identifier: r.identifier,
            name: r.name,
            selected: r.selected,
            taskId: r.task_id,
            taskCode: r.task_code,
            taskStatus: r.task_status,
            statusReason: r.status_reason,
            team: r.team,
          })),
        };
      }),
  );

  app.get(
    '/api/public/draws/:id/kit',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'The verification kit (DRAW-SPEC §6), streamed; compressed when the client accepts it',
        params: DrawRef,
      },
    },
    async (request, reply) => {
      const { id, code } = await publicDraw(database.db, request.params.id);
      await kitDraw(database.db, id);
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${code}.kit.json"`)
        .header('cache-control', 'public, max-age=300');
      return reply.send(Readable.from(kitJson(database.db, id)));
    },
  );
}
