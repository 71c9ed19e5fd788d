// The public portal's API (一公开): no sign-in, rate-limited per client, cached and tagged (ETag).
// What each answer may contain is decided in service.ts.
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { CSV_BOM, csvLine } from '../../core/export/table.ts';
import { DISPOSITIONS, RESULT_CODES } from '../../core/results/codes.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { publicRoute, sendPublic } from '../../http/public.ts';
import {
  business,
  FEED_COLUMNS,
  feedPage,
  feedRows,
  itemListFacets,
  items,
  lookUp,
  plan,
  plans,
  results,
  stats,
} from './service.ts';

const Day = Type.String({ format: 'date' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Page = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};
const Text = Type.String({ maxLength: 100 });

export async function publicityRoutes(app: Api, ctx: AppContext) {
  const { database, config } = ctx;
  const db = () => database.db;
  const PUBLIC = publicRoute(config);
  const schema = <T extends object>(summary: string, rest: T) => ({ tags: ['public'], summary, ...rest });

  app.get(
    '/api/public/items',
    {
      config: PUBLIC,
      schema: schema('The inspection-item list (随机抽查事项清单) of a year', {
        querystring: Type.Object({
          year: Type.Optional(Year),
          department: Type.Optional(Text),
          itemType: Type.Optional(Type.Union([Type.Literal('general'), Type.Literal('key')])),
          joint: Type.Optional(Type.Boolean()),
          q: Type.Optional(Text),
          ...Page,
        }),
      }),
    },
    async (request, reply) => {
      const { page, pageSize, ...filter } = request.query;
      return sendPublic(app.publicCache, request, reply, () => items(db(), filter, { page, pageSize }));
    },
  );

  app.get(
    '/api/public/items/facets',
    {
      config: PUBLIC,
      schema: schema('Years and departments of the item list', {
        querystring: Type.Object({ year: Type.Optional(Year) }),
      }),
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, () => itemListFacets(db(), request.query.year)),
  );

  app.get(
    '/api/public/codes',
    { config: PUBLIC, schema: schema('Result codes and dispositions in words', {}) },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, async () => ({
        codes: RESULT_CODES.map((c) => ({ code: c.code, zh: c.zh, en: c.en, parent: c.parent ?? null })),
        dispositions: DISPOSITIONS,
      })),
  );

  app.get(
    '/api/public/plans',
    {
      config: PUBLIC,
      schema: schema('Published plans, newest year first', {
        querystring: Type.Object({ year: Type.Optional(Year), q: Type.Optional(Text), ...Page }),
      }),
    },
    async (request, reply) => {
      const { page, pageSize, ...filter } = request.query;
      return sendPublic(app.publicCache, request, reply, () => plans(db(), filter, { page, pageSize }));
    },
  );

  app.get(
    '/api/public/plans/:id',
    {
      config: PUBLIC,
      schema: schema('A published plan as filed, with its batches, draws and amendments', {
        params: Type.Object({ id: Type.String({ pattern: '^([0-9a-fA-F-]{36}|P\\d{6,})$' }) }),
      }),
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, () => plan(db(), request.params.id)),
  );

  app.get(
    '/api/public/results',
    {
      config: PUBLIC,
      schema: schema('Published inspection results, newest first', {
        querystring: Type.Object({
          since: Type.Optional(Day),
          until: Type.Optional(Day),
          department: Type.Optional(Text),
          code: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{1,2}$' })),
          q: Type.Optional(Text),
          ...Page,
        }),
      }),
    },
    async (request, reply) => {
      const { page, pageSize, ...filter } = request.query;
      return sendPublic(app.publicCache, request, reply, () => results(db(), filter, { page, pageSize }));
    },
  );

  app.get(
    '/api/public/entities',
    {
      config: PUBLIC,
      schema: schema('Look a business up by name (two characters or more) or by code', {
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }),
      }),
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, () => lookUp(db(), request.query.q)),
  );

  app.get(
    '/api/public/entities/:identifier',
    {
      config: PUBLIC,
      schema: schema('A business: its published inspections and 经营异常名录 entries', {
        params: Type.Object({ identifier: Type.String({ pattern: '^[0-9A-Za-z]{15}$|^[0-9A-Za-z]{18}$' }) }),
      }),
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, () => business(db(), request.params.identifier)),
  );

  app.get(
    '/api/public/stats',
    {
      config: PUBLIC,
      schema: schema('Published results of a year by department, result code and month', {
        querystring: Type.Object({ year: Type.Optional(Year) }),
      }),
    },
    async (request, reply) =>
      sendPublic(app.publicCache, request, reply, () => stats(db(), request.query.year)),
  );

  app.get(
    '/api/public/feeds/results.json',
    {
      config: PUBLIC,
      schema: schema('Results published since a date, oldest first, a page at a time (follow "next")', {
        querystring: Type.Object({
          since: Day,
          after: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
        }),
      }),
    },
    async (request, reply) => {
      const { since, after, limit } = request.query;
      return sendPublic(app.publicCache, request, reply, () => feedPage(db(), since, after, limit));
    },
  );

  app.get(
    '/api/public/feeds/results.csv',
    {
      config: publicRoute(config, Math.max(1, Math.ceil(config.publicRateLimit / 12))),
      schema: schema('Every result published since a date, as CSV (UTF-8 with BOM), streamed', {
        querystring: Type.Object({ since: Day }),
      }),
    },
    async (request, reply) => {
      const { since } = request.query;
      async function* lines() {
        yield CSV_BOM + csvLine(FEED_COLUMNS.map((c) => c.header));
        for await (const row of feedRows(db(), since)) yield csvLine(FEED_COLUMNS.map((c) => c.value(row)));
      }
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tianping-results-since-${since}.csv"`)
        .header('cache-control', 'public, max-age=300');
      return reply.send(Readable.from(lines()));
    },
  );
}
