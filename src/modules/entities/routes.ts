import { Type } from 'typebox';
import { allRegions, industries, industry, regionChildren, regionFullName } from '../../core/codes/index.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { EXPORT_ROW_CAP, sendTable, type TableFormat } from '../../http/download.ts';
import { invalid } from '../../http/errors.ts';
import { toggleRoutes } from '../../http/toggle.ts';
import { type CurrentUser, STAFF, userRegionPrefix } from '../auth/access.ts';
import * as repo from './repo.ts';
import {
  createEntity,
  ENTITY_KINDS,
  ENTITY_STATUSES,
  type EntityInput,
  entityDetail,
  entityHistory,
  KIND_NAMES,
  STATUS_NAMES,
  setInDirectory,
  updateEntity,
} from './service.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const WRITERS = { access: ['admin', 'dept_admin'] as const };

const Filters = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  region: Type.Optional(Type.String({ pattern: '^\\d{2,9}$' })),
  industry: Type.Optional(Type.String({ pattern: '^([A-Ta-t]|\\d{2,4})$' })),
  creditClass: Type.Optional(literals(['A', 'B', 'C', 'D'] as const)),
  status: Type.Optional(literals(ENTITY_STATUSES)),
  kind: Type.Optional(literals(ENTITY_KINDS)),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  directory: Type.Optional(literals(['in', 'out', 'all'] as const)),
  sort: Type.Optional(literals(['identifier', 'name', 'registered_on', 'region_code'] as const)),
  desc: Type.Optional(Type.Boolean()),
};

type FilterQuery = {
  q?: string;
  region?: string;
  industry?: string;
  creditClass?: 'A' | 'B' | 'C' | 'D';
  status?: (typeof ENTITY_STATUSES)[number];
  kind?: (typeof ENTITY_KINDS)[number];
  tag?: string;
  directory?: 'in' | 'out' | 'all';
};

/** The filter within the user's region: a region outside it is refused, not silently widened. */
function filterOf(user: CurrentUser, query: FilterQuery): repo.EntityFilter {
  const regionPrefix = userRegionPrefix(user);
  const q = query.q?.trim();
  // One character matches a good part of a city: it would scan millions of rows for nothing useful.
  if (q && [...q].length < 2) {
    throw invalid(
      'q',
      '请至少输入名称中的两个字，或完整的统一社会信用代码/注册号',
      'Type at least two characters of the name, or a whole code',
    );
  }
  if (query.region && !query.region.startsWith(regionPrefix) && !regionPrefix.startsWith(query.region)) {
    throw invalid('region', '所选区域不在您的管辖范围内', 'The region is outside your scope');
  }
  return { ...query, regionPrefix };
}

const EntityBody = Type.Object({
  uscc: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  regNo: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: literals(ENTITY_KINDS),
  legalRep: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  regAddress: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  bizAddress: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  regionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }),
  industryCode: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  registeredOn: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  status: literals(ENTITY_STATUSES),
  capitalWan: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 })),
});

interface RegionChoice {
  code: string;
  name: string;
  children?: RegionChoice[];
}

/** The regions under the user's own, two levels deep (a city's districts and their streets). */
function regionsInScope(user: CurrentUser): RegionChoice[] {
  const below = (code: string, depth: number): RegionChoice[] =>
    (code ? regionChildren(code) : [...allRegions().values()].filter((r) => r.parent === null))
      .filter((r) => r.name !== '市辖区')
      .map((r) => ({
        code: r.code,
        name: r.name,
        ...(depth > 1 ? { children: below(r.code, depth - 1) } : {}),
      }));
  return below(user.regionCode, 2);
}

const withNames = <R extends { region_code: string; industry_code: string | null }>(row: R) => ({
  ...row,
  region_name: regionFullName(row.region_code) ?? null,
  industry_name: row.industry_code ? (industry(row.industry_code)?.name ?? null) : null,
});

export async function entityRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/entities',
    {
      config: { access: STAFF },
      schema: {
        tags: ['entities'],
        summary: 'Search the business directory in your region',
        description: `Name substring (trigram index) or exact USCC / 注册号 in q. The total is exact up to ${repo.COUNT_CAP.toLocaleString('en')}; beyond it totalExact is false.`,
        querystring: Type.Object({
          ...Filters,
          page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => {
      const { page, pageSize, sort, desc, ...filters } = request.query;
      const result = await repo.listEntities(ctx.database.db, filterOf(request.user!, filters), {
        page,
        pageSize,
        sort: sort ?? 'identifier',
        desc: desc ?? false,
      });
      return { ...result, rows: result.rows.map(withNames), page, pageSize };
    },
  );

  app.get(
    '/api/entities/export',
    {
      config: { access: STAFF },
      schema: {
        tags: ['entities'],
        summary: `The filtered directory as .xlsx or CSV (UTF-8 with BOM), at most ${EXPORT_ROW_CAP.toLocaleString('en')} rows`,
        querystring: Type.Object({ ...Filters, format: literals(['xlsx', 'csv'] as const) }),
      },
    },
    async (request, reply) => {
      const { format, sort, desc, ...filters } = request.query;
      const filter = filterOf(request.user!, filters);
      const matched = await repo.countUpTo(
        ctx.database.db,
        repo.filteredEntities(ctx.database.db, filter),
        EXPORT_ROW_CAP,
      );
      return sendTable(reply, format as TableFormat, {
        fileName: `市场主体名录-${new Date().toISOString().slice(0, 10)}`,
        sheet: '市场主体名录',
        truncated: !matched.exact,
        pages: repo.exportPages(ctx.database.db, filter, sort ?? 'identifier', desc ?? false, EXPORT_ROW_CAP),
        columns: [
          { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
          { header: '注册号', value: (r) => r.reg_no, width: 18 },
          { header: '名称', value: (r) => r.name, width: 36 },
          { header: '市场主体类型', value: (r) => KIND_NAMES[r.kind] },
          { header: '法定代表人', value: (r) => r.legal_rep },
          { header: '住所', value: (r) => r.reg_address, width: 40 },
          { header: '经营场所', value: (r) => r.biz_address, width: 40 },
          { header: '行政区划代码', value: (r) => r.region_code, width: 12 },
          { header: '行政区划', value: (r) => regionFullName(r.region_code) ?? '', width: 24 },
          { header: '行业代码', value: (r) => r.industry_code },
          {
            header: '行业',
            value: (r) => (r.industry_code ? industry(r.industry_code)?.name : ''),
            width: 20,
          },
          { header: '成立日期', value: (r) => r.registered_on, width: 12 },
          { header: '登记状态', value: (r) => STATUS_NAMES[r.status] },
          { header: '注册资本（万元）', value: (r) => r.capital_wan },
          { header: '联系电话', value: (r) => r.phone, width: 16 },
          { header: '专项库', value: (r) => r.tags.join('、'), width: 20 },
          { header: '信用风险分类', value: (r) => r.credit_class },
          { header: '经营异常名录', value: (r) => r.abnormal_listed },
          { header: '严重违法失信名单', value: (r) => r.serious_listed },
          { header: '投诉举报数', value: (r) => r.complaint_count },
          { header: '在名录库', value: (r) => r.in_directory },
        ],
      });
    },
  );

  app.get(
    '/api/entities/tags',
    { config: { access: STAFF }, schema: { tags: ['entities'], summary: 'The special libraries (专项库)' } },
    async () => repo.entityTags(ctx.database.db),
  );

  app.get(
    '/api/entities/facets',
    {
      config: { access: STAFF },
      schema: {
        tags: ['entities'],
        summary: 'Choices for the filters: regions in your scope (two levels), industry sections, tags',
      },
    },
    async (request) => ({
      regions: regionsInScope(request.user!),
      sections: [...industries().values()]
        .filter((i) => i.level === 1)
        .map((i) => ({ code: i.code, name: i.name })),
      tags: await repo.entityTags(ctx.database.db),
    }),
  );

  app.get(
    '/api/entities/:id',
    { config: { access: STAFF }, schema: { tags: ['entities'], params: IdParams } },
    async (request) => entityDetail(ctx.database, request.user!, request.params.id),
  );

  app.get(
    '/api/entities/:id/history',
    {
      config: { access: STAFF },
      schema: {
        tags: ['entities'],
        summary: 'Inspections, results, lists, credit classes over time and recorded changes',
        params: IdParams,
      },
    },
    async (request) => entityHistory(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/entities',
    { config: WRITERS, schema: { tags: ['entities'], body: EntityBody } },
    async (request, reply) => {
      reply.status(201);
      return createEntity(ctx.database, request.user!, request.body as EntityInput);
    },
  );

  app.put(
    '/api/entities/:id',
    { config: WRITERS, schema: { tags: ['entities'], params: IdParams, body: EntityBody } },
    async (request) =>
      updateEntity(ctx.database, request.user!, request.params.id, request.body as EntityInput),
  );

  toggleRoutes(app, {
    path: '/api/entities/:id',
    tag: 'entities',
    access: WRITERS.access,
    summaries: {
      deactivate: 'Remove a business from the directory',
      reactivate: 'Put a business back in the directory',
    },
    run: (user, id, active, reason) => setInDirectory(ctx.database, user, id, active, reason),
  });
}
