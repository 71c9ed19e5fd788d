import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { listPlans, searchItems } from './repo.ts';
import { ENTITY_KINDS } from './rules.ts';
import {
  advancePlan,
  amendPlan,
  createPlan,
  getAmendments,
  getPlan,
  type PlanInput,
  updateDraft,
} from './service.ts';

/** Who plans and draws: the joint-meeting office and department administrators, within their scope. */
export const PLANNERS = { access: ['coordinator', 'dept_admin'] as const };

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const Day = Type.String({ format: 'date' });
const Bp = Type.Integer({ minimum: 0, maximum: 10_000 });

export const PlanBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    orgId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Union([Type.Literal('single'), Type.Literal('joint')]),
    cooperatingOrgIds: Type.Array(Uuid, { maxItems: 20, default: [] }),
    directed: Type.Boolean({ default: false }),
    scope: Type.Object(
      {
        kinds: Type.Optional(
          Type.Array(Type.Union(ENTITY_KINDS.map((k) => Type.Literal(k))), { maxItems: 4 }),
        ),
        industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 200 })),
        regions: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{6}(\\d{3})?$' }), { maxItems: 200 })),
        tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })),
      },
      { additionalProperties: false, default: {} },
    ),
    ratios: Type.Object(
      { A: Bp, B: Bp, C: Bp, D: Bp, U: Type.Optional(Bp) },
      { additionalProperties: false },
    ),
    alternatesBp: Type.Integer({ minimum: 0, maximum: 10_000, default: 1000 }),
    byDistrict: Type.Boolean({ default: false }),
    teamSize: Type.Integer({ minimum: 2, maximum: 20, default: 2 }),
    crossOffice: Type.Boolean({ default: true }),
    excludeRecentMonths: Type.Integer({ minimum: 0, maximum: 120, default: 12 }),
    workloadCap: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()], { default: null }),
    startsOn: Day,
    endsOn: Day,
    items: Type.Array(Type.Object({ itemId: Uuid, orgId: Type.Optional(Uuid) }), {
      maxItems: 200,
      default: [],
    }),
    batches: Type.Array(
      Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }), startsOn: Day, endsOn: Day }),
      { maxItems: 24, default: [] },
    ),
  },
  { additionalProperties: false },
);

export async function planRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/plans',
    {
      config: PLANNERS,
      schema: {
        tags: ['plans'],
        summary: 'Plans of your departments (owning or cooperating)',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          status: Type.Optional(Type.Union(['draft', 'filed', 'published'].map((s) => Type.Literal(s)))),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => listPlans(ctx.database.db, { ...request.query, orgPath: request.user!.orgPath }),
  );

  app.get(
    '/api/plan-items',
    {
      config: PLANNERS,
      schema: {
        tags: ['plans'],
        summary: 'Inspection items to choose from when planning',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
      },
    },
    async (request) => searchItems(ctx.database.db, request.query),
  );

  app.post(
    '/api/plans',
    { config: PLANNERS, schema: { tags: ['plans'], summary: 'Draft a plan', body: PlanBody } },
    async (request, reply) => {
      reply.status(201);
      return createPlan(ctx.database, request.user!, request.body as PlanInput);
    },
  );

  app.get(
    '/api/plans/:id',
    { config: PLANNERS, schema: { tags: ['plans'], params: IdParams } },
    async (request) => getPlan(ctx.database, request.user!, request.params.id),
  );

  app.put(
    '/api/plans/:id',
    {
      config: PLANNERS,
      schema: { tags: ['plans'], summary: 'Edit a draft plan', params: IdParams, body: PlanBody },
    },
    async (request) => {
      await updateDraft(ctx.database, request.user!, request.params.id, request.body as PlanInput);
      return { ok: true };
    },
  );

  for (const step of ['file', 'publish'] as const) {
    app.post(
      `/api/plans/:id/${step}`,
      {
        config: PLANNERS,
        schema: {
          tags: ['plans'],
          summary: step === 'file' ? 'File (备案) a draft plan' : 'Publish (公示) a filed plan',
          params: IdParams,
        },
      },
      async (request) => {
        await advancePlan(ctx.database, request.user!, request.params.id, step);
        return { ok: true };
      },
    );
  }

  app.get(
    '/api/plans/:id/amendments',
    { config: PLANNERS, schema: { tags: ['plans'], params: IdParams } },
    async (request) => getAmendments(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/plans/:id/amendments',
    {
      config: PLANNERS,
      schema: {
        tags: ['plans'],
        summary: 'Amend a filed or published plan, with the reason',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 500 }), plan: PlanBody },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      reply.status(201);
      const { reason, plan } = request.body;
      return amendPlan(ctx.database, request.user!, request.params.id, { reason, plan: plan as PlanInput });
    },
  );
}
