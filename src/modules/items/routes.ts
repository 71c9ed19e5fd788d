import { Type } from 'typebox';
import { CHECK_METHODS, type ChecklistContent } from '../../core/checklist/content.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { EXPORT_ROW_CAP, sendTable, type TableFormat } from '../../http/download.ts';
import { toggleRoutes } from '../../http/toggle.ts';
import { type CurrentUser, STAFF } from '../auth/access.ts';
import * as repo from './repo.ts';
import {
  checklistVersion,
  copyYear,
  createItem,
  discardDraft,
  ITEM_LEVELS,
  ITEM_TYPES,
  type ItemInput,
  itemDetail,
  LEVEL_NAMES,
  publishDraft,
  readerOf,
  saveDraft,
  setActive,
  TYPE_NAMES,
  updateItem,
} from './service.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
/** The coordinator owns the item list; department and system administrators keep their own part. */
const WRITERS = { access: ['coordinator', 'admin', 'dept_admin'] as const };
const Text = (max: number) => Type.String({ maxLength: max });

const Filters = {
  q: Type.Optional(Text(100)),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  department: Type.Optional(Text(100)),
  category: Type.Optional(Text(100)),
  itemType: Type.Optional(literals(ITEM_TYPES)),
  joint: Type.Optional(Type.Boolean()),
  level: Type.Optional(literals(ITEM_LEVELS)),
  active: Type.Optional(Type.Boolean()),
  checklist: Type.Optional(Type.Boolean()),
};

const filterOf = (user: CurrentUser, query: Omit<repo.ItemFilter, 'reader'>): repo.ItemFilter => ({
  ...query,
  reader: readerOf(user),
});

const ItemBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  code: Type.Optional(Type.Union([Text(40), Type.Null()])),
  ownerDepartment: Type.String({ minLength: 1, maxLength: 100 }),
  category: Type.String({ minLength: 1, maxLength: 200 }),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  target: Type.String({ minLength: 1, maxLength: 300 }),
  itemType: literals(ITEM_TYPES),
  methods: Type.Array(Text(30), { maxItems: 10 }),
  subject: Text(1000),
  legalBasis: Text(10_000),
  ratioBp: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000 }), Type.Null()])),
  frequency: Type.Optional(Type.Union([Text(100), Type.Null()])),
  level: Type.Optional(Type.Union([literals(ITEM_LEVELS), Type.Null()])),
  isJoint: Type.Optional(Type.Boolean()),
  field: Type.Optional(Type.Union([Text(100), Type.Null()])),
  initiatingDepartment: Type.Optional(Type.Union([Text(100), Type.Null()])),
  cooperatingDepartments: Type.Optional(Type.Array(Text(100), { maxItems: 30 })),
  requiredQualification: Type.Optional(Type.Union([Text(50), Type.Null()])),
  seq: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
});

const Content = Type.Object({
  mains: Type.Array(
    Type.Object({
      title: Text(200),
      subs: Type.Array(
        Type.Object({
          title: Text(200),
          contents: Type.Array(Type.Object({ text: Text(500), method: Text(100), compliant: Text(500) }), {
            maxItems: 100,
          }),
        }),
        { maxItems: 50 },
      ),
    }),
    { maxItems: 50 },
  ),
});

const ratioText = (bp: number | null) => (bp === null ? '' : `${bp / 100}%`);

export async function itemRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/items',
    {
      config: { access: STAFF },
      schema: {
        tags: ['items'],
        summary: 'The inspection-item list that applies to you (your level, below and above)',
        querystring: Type.Object({
          ...Filters,
          sort: Type.Optional(literals(['code', 'name', 'seq', 'owner_department'] as const)),
          desc: Type.Optional(Type.Boolean()),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => {
      const user = request.user!;
      const { page, pageSize, sort, desc, ...filters } = request.query;
      const result = await repo.listItems(ctx.database.db, filterOf(user, filters), {
        page,
        pageSize,
        sort: sort ?? 'code',
        desc: desc ?? false,
      });
      return {
        ...result,
        rows: result.rows.map(({ org_path, ...row }) => ({
          ...row,
          writable: org_path.startsWith(user.orgPath),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/items/facets',
    {
      config: { access: STAFF },
      schema: {
        tags: ['items'],
        summary: 'Years, departments and categories for the filters, and the usual check methods',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      },
    },
    async (request) => ({
      ...(await repo.itemFacets(ctx.database.db, readerOf(request.user!), request.query.year)),
      methods: ['现场检查', '书面检查', '网络检查', '网络监测', '专业机构核查', '检验检测'],
      checkMethods: CHECK_METHODS,
    }),
  );

  app.get(
    '/api/items/export',
    {
      config: { access: STAFF },
      schema: {
        tags: ['items'],
        summary: `The filtered list as .xlsx or CSV in the official columns, at most ${EXPORT_ROW_CAP.toLocaleString('en')} rows`,
        querystring: Type.Object({ ...Filters, format: literals(['xlsx', 'csv'] as const) }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const filter = filterOf(request.user!, filters);
      const total = await repo.countItems(ctx.database.db, filter);
      type Row = Awaited<ReturnType<typeof repo.listItems>>['rows'][number];
      return sendTable(reply, format as TableFormat, {
        fileName: `随机抽查事项清单${filters.year ? `-${filters.year}` : ''}`,
        sheet: '随机抽查事项清单',
        truncated: total > EXPORT_ROW_CAP,
        pages: repo.exportItems(ctx.database.db, filter, EXPORT_ROW_CAP),
        columns: [
          { header: '事项编码', value: (r: Row) => r.code, width: 12 },
          { header: '年度', value: (r: Row) => r.year },
          { header: '编制单位', value: (r: Row) => r.owner_department, width: 24 },
          { header: '序号', value: (r: Row) => r.seq },
          { header: '抽查类别', value: (r: Row) => r.category, width: 20 },
          { header: '抽查事项', value: (r: Row) => r.name, width: 36 },
          { header: '检查对象', value: (r: Row) => r.target, width: 24 },
          { header: '事项类别', value: (r: Row) => TYPE_NAMES[r.item_type] },
          { header: '检查方式', value: (r: Row) => r.methods.join('、'), width: 20 },
          { header: '检查主体', value: (r: Row) => r.subject, width: 24 },
          { header: '检查依据', value: (r: Row) => r.legal_basis, width: 60 },
          { header: '抽查比例', value: (r: Row) => ratioText(r.ratio_bp) },
          { header: '抽查频次', value: (r: Row) => r.frequency },
          { header: '层级', value: (r: Row) => (r.level ? LEVEL_NAMES[r.level] : '') },
          { header: '联合抽查', value: (r: Row) => r.is_joint },
          { header: '抽查领域', value: (r: Row) => r.field },
          { header: '发起部门', value: (r: Row) => r.initiating_department },
          { header: '配合部门', value: (r: Row) => r.cooperating_departments.join('、'), width: 30 },
          { header: '所需执法资质', value: (r: Row) => r.required_qualification },
          { header: '检查表单版本', value: (r: Row) => r.checklist_version },
        ],
      });
    },
  );

  app.get(
    '/api/items/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['items'],
        summary: 'One item with its checklist versions and recorded changes',
        params: IdParams,
      },
    },
    async (request) => itemDetail(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/items',
    { config: WRITERS, schema: { tags: ['items'], body: ItemBody } },
    async (request, reply) => {
      reply.status(201);
      return createItem(ctx.database, request.user!, request.body as ItemInput);
    },
  );

  app.put(
    '/api/items/:id',
    { config: WRITERS, schema: { tags: ['items'], params: IdParams, body: ItemBody } },
    async (request) => updateItem(ctx.database, request.user!, request.params.id, request.body as ItemInput),
  );

  toggleRoutes(app, {
    path: '/api/items/:id',
    tag: 'items',
    access: WRITERS.access,
    summaries: {
      deactivate: 'Take an item out of the list (never deleted)',
      reactivate: 'Put an item back in the list',
    },
    run: (user, id, active, reason) => setActive(ctx.database, user, id, active, reason),
  });

  app.post(
    '/api/items/copy-year',
    {
      config: WRITERS,
      schema: {
        tags: ['items'],
        summary: 'Copy your items of one year into a later year, keeping codes and published checklists',
        body: Type.Object({
          from: Type.Integer({ minimum: 2000, maximum: 2100 }),
          to: Type.Integer({ minimum: 2000, maximum: 2100 }),
        }),
      },
    },
    async (request) => copyYear(ctx.database, request.user!, request.body.from, request.body.to),
  );

  app.get(
    '/api/items/:id/checklists/:version',
    {
      config: { access: STAFF },
      schema: {
        tags: ['items'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request) =>
      checklistVersion(ctx.database, request.user!, request.params.id, request.params.version),
  );

  app.put(
    '/api/items/:id/checklist-draft',
    {
      config: WRITERS,
      schema: {
        tags: ['items'],
        summary: 'Save the draft checklist (主项 → 子项 → 检查内容), creating the next version if needed',
        params: IdParams,
        body: Type.Object({ content: Content, note: Type.Optional(Text(500)) }),
      },
    },
    async (request) =>
      saveDraft(ctx.database, request.user!, request.params.id, {
        content: request.body.content as ChecklistContent,
        note: request.body.note,
      }),
  );

  app.post(
    '/api/items/:id/checklist-draft/publish',
    {
      config: WRITERS,
      schema: { tags: ['items'], summary: 'Publish the draft checklist', params: IdParams },
    },
    async (request) => publishDraft(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/items/:id/checklist-draft/discard',
    {
      config: WRITERS,
      schema: { tags: ['items'], summary: 'Discard the draft checklist', params: IdParams },
    },
    async (request) => {
      await discardDraft(ctx.database, request.user!, request.params.id);
      return { ok: true };
    },
  );
}
