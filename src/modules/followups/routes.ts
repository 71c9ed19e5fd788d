import { Type } from 'typebox';
import { chinaDate } from '../../core/inspections/rules.ts';
import type { FollowUpType } from '../../db/schema.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { inRegionScope, STAFF } from '../auth/access.ts';
import { listEntries, listEntriesOf } from './lists.ts';
import type { Box } from './repo.ts';
import {
  acknowledge,
  decideProposal,
  getForUser,
  listForUser,
  removeEntry,
  reportBack,
  retryAlternate,
} from './service.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const Day = Type.String({ format: 'date' });
const KINDS: readonly FollowUpType[] = [
  'recheck',
  'case_referral',
  'notify',
  'abnormal_list_proposal',
  'alternate',
];
const HANDLERS = { access: ['dept_admin', 'reviewer', 'coordinator'] as const };
const Page = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export async function followUpRoutes(app: Api, ctx: AppContext) {
  const { database } = ctx;
  const today = () => chinaDate(new Date());

  app.get(
    '/api/follow-ups',
    {
      config: HANDLERS,
      schema: {
        tags: ['follow-ups'],
        summary: 'Follow-ups received (inbox), sent, or escalated, in your scope',
        querystring: Type.Object({
          box: Type.Union([Type.Literal('inbox'), Type.Literal('sent'), Type.Literal('escalated')], {
            default: 'inbox',
          }),
          kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))),
          open: Type.Optional(Type.Boolean()),
          ...Page,
        }),
      },
    },
    async (request) =>
      listForUser(
        database,
        request.user!,
        {
          ...request.query,
          box: request.query.box as Box,
          kind: request.query.kind as FollowUpType | undefined,
        },
        today(),
      ),
  );

  app.get(
    '/api/follow-ups/:id',
    { config: HANDLERS, schema: { tags: ['follow-ups'], params: IdParams } },
    async (request) => getForUser(database, request.user!, request.params.id, today()),
  );

  app.post(
    '/api/follow-ups/:id/acknowledge',
    {
      config: { access: ['dept_admin', 'reviewer'] },
      schema: {
        tags: ['follow-ups'],
        summary: 'The receiving department acknowledges a 移送 or 抄告',
        params: IdParams,
      },
    },
    async (request) => {
      await acknowledge(database, request.user!, request.params.id);
      return getForUser(database, request.user!, request.params.id, today());
    },
  );

  app.post(
    '/api/follow-ups/:id/report',
    {
      config: { access: ['dept_admin', 'reviewer'] },
      schema: {
        tags: ['follow-ups'],
        summary: 'The receiving department reports back what it did; closes the item',
        params: IdParams,
        body: Type.Object({ report: Type.String({ minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (request) => {
      await reportBack(database, request.user!, request.params.id, request.body.report);
      return getForUser(database, request.user!, request.params.id, today());
    },
  );

  app.post(
    '/api/follow-ups/:id/decide',
    {
      config: { access: ['dept_admin'] },
      schema: {
        tags: ['follow-ups'],
        summary: 'Decide a 经营异常名录 proposal: list the business, or not (with the reason)',
        params: IdParams,
        body: Type.Object({
          decision: Type.Union([Type.Literal('list'), Type.Literal('dismiss')]),
          reason: Type.Optional(Type.String({ maxLength: 1000 })),
          listedOn: Type.Optional(Day),
        }),
      },
    },
    async (request) => {
      await decideProposal(database, request.user!, request.params.id, request.body as never, today());
      return getForUser(database, request.user!, request.params.id, today());
    },
  );

  app.post(
    '/api/follow-ups/:id/retry',
    {
      config: { access: ['dept_admin', 'coordinator'] },
      schema: {
        tags: ['follow-ups'],
        summary: 'Try again to draw the alternate (codes 9–12)',
        params: IdParams,
      },
    },
    async (request) => {
      await retryAlternate(database, request.user!, request.params.id);
      return getForUser(database, request.user!, request.params.id, today());
    },
  );

  // ---- 经营异常名录 entries ----

  app.get(
    '/api/list-entries',
    {
      config: HANDLERS,
      schema: {
        tags: ['follow-ups'],
        summary: '经营异常名录 entries decided in your scope',
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()), ...Page }),
      },
    },
    async (request) => listEntries(database.db, { ...request.query, orgPath: request.user!.orgPath }),
  );

  app.get(
    '/api/entities/:id/list-entries',
    {
      config: { access: STAFF },
      schema: {
        tags: ['follow-ups'],
        summary: 'A business’s 经营异常名录 listings and removals',
        params: IdParams,
      },
    },
    async (request) => {
      const entity = await database.db
        .selectFrom('entity')
        .select('region_code')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!entity) throw notFound('市场主体', 'Business');
      if (!inRegionScope(request.user!, entity.region_code)) throw forbidden();
      return listEntriesOf(database.db, request.params.id);
    },
  );

  app.post(
    '/api/list-entries/:id/remove',
    {
      config: { access: ['dept_admin'] },
      schema: {
        tags: ['follow-ups'],
        summary: 'Remove a business from 经营异常名录 (移出) with the date and reason',
        params: IdParams,
        body: Type.Object({ removedOn: Day, reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request) => {
      await removeEntry(database, request.user!, request.params.id, request.body, today());
      return { ok: true };
    },
  );
}
