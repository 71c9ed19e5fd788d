import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { EXPORT_ROW_CAP, sendTable, type TableFormat } from '../../http/download.ts';
import { toggleRoutes } from '../../http/toggle.ts';
import { type CurrentUser, STAFF } from '../auth/access.ts';
import * as repo from './repo.ts';
import {
  CONFLICT_KINDS,
  createInspector,
  declareConflict,
  INSPECTOR_STATUSES,
  type InspectorInput,
  idCardDepartment,
  inspectorDetail,
  present,
  STATUS_NAMES,
  setStatus,
  updateInspector,
  withdrawConflict,
} from './service.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const WRITERS = { access: ['admin', 'dept_admin'] as const };
const CERT_STATES = ['expired', 'expiring', 'valid', 'none'] as const;
const CERT_NAMES: Record<(typeof CERT_STATES)[number], string> = {
  expired: '已过期',
  expiring: `${repo.EXPIRING_DAYS}天内到期`,
  valid: '有效',
  none: '未登记',
};

const Filters = {
  q: Type.Optional(Type.String({ maxLength: 50 })),
  orgId: Type.Optional(Type.String({ format: 'uuid' })),
  officeId: Type.Optional(Type.String({ format: 'uuid' })),
  status: Type.Optional(literals(INSPECTOR_STATUSES)),
  qualification: Type.Optional(Type.String({ maxLength: 30 })),
  expert: Type.Optional(Type.Boolean()),
  leader: Type.Optional(Type.Boolean()),
  cert: Type.Optional(literals(CERT_STATES)),
};

const filterOf = (user: CurrentUser, query: Omit<repo.InspectorFilter, 'orgPath'>): repo.InspectorFilter => ({
  ...query,
  orgPath: user.orgPath,
});

const InspectorBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  certNo: Type.String({ minLength: 1, maxLength: 30 }),
  certExpiresOn: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  orgId: Type.String({ format: 'uuid' }),
  officeId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  qualifications: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 })),
  isExpert: Type.Optional(Type.Boolean()),
  isLeader: Type.Optional(Type.Boolean()),
  status: literals(INSPECTOR_STATUSES),
  idCard: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
});

export async function inspectorRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/inspectors',
    {
      config: { access: STAFF },
      schema: {
        tags: ['inspectors'],
        summary: 'Inspectors of your organisation and below, with certificate-expiry flags',
        querystring: Type.Object({
          ...Filters,
          sort: Type.Optional(literals(['name', 'cert_no', 'cert_expires_on'] as const)),
          desc: Type.Optional(Type.Boolean()),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => {
      const user = request.user!;
      const { page, pageSize, sort, desc, ...filters } = request.query;
      const result = await repo.listInspectors(
        ctx.database.db,
        filterOf(user, filters),
        { page, pageSize, sort: sort ?? 'cert_no', desc: desc ?? false },
        idCardDepartment(user),
      );
      return { ...result, rows: result.rows.map((row) => present(user, row)), page, pageSize };
    },
  );

  app.get(
    '/api/inspectors/export',
    {
      config: { access: STAFF },
      schema: {
        tags: ['inspectors'],
        summary: `The filtered list as .xlsx or CSV, at most ${EXPORT_ROW_CAP.toLocaleString('en')} rows`,
        querystring: Type.Object({ ...Filters, format: literals(['xlsx', 'csv'] as const) }),
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const { format, ...filters } = request.query;
      const filter = filterOf(user, filters);
      const department = idCardDepartment(user);
      const total = await repo.countInspectors(ctx.database.db, filter);
      type Row = Awaited<ReturnType<typeof repo.listInspectors>>['rows'][number];
      const columns = [
        { header: '姓名', value: (r: Row) => r.name },
        { header: '执法证号', value: (r: Row) => r.cert_no, width: 18 },
        { header: '执法证有效期', value: (r: Row) => r.cert_expires_on, width: 12 },
        { header: '证件状态', value: (r: Row) => CERT_NAMES[r.cert_state] },
        { header: '所属部门', value: (r: Row) => r.org_name, width: 28 },
        { header: '所属所', value: (r: Row) => r.office_name, width: 20 },
        { header: '执法资质', value: (r: Row) => r.qualifications.join('、'), width: 24 },
        { header: '是否专家', value: (r: Row) => r.is_expert },
        { header: '是否组长', value: (r: Row) => r.is_leader },
        { header: '人员状态', value: (r: Row) => STATUS_NAMES[r.status] },
        { header: '联系电话', value: (r: Row) => r.phone, width: 14 },
        // The column exists only for administrators of a department, filled only for its own inspectors.
        ...(department
          ? [
              {
                header: '身份证号',
                value: (r: Row) => (r.department === department ? r.id_card : ''),
                width: 20,
              },
            ]
          : []),
      ];
      return sendTable(reply, format as TableFormat, {
        fileName: `检查人员名录-${new Date().toISOString().slice(0, 10)}`,
        sheet: '检查人员名录',
        truncated: total > EXPORT_ROW_CAP,
        pages: repo.exportInspectors(ctx.database.db, filter, department, EXPORT_ROW_CAP),
        columns,
      });
    },
  );

  app.get(
    '/api/inspectors/:id',
    {
      config: { access: STAFF },
      schema: { tags: ['inspectors'], summary: 'One inspector with declared conflicts', params: IdParams },
    },
    async (request) => inspectorDetail(ctx.database, request.user!, request.params.id),
  );

  app.post(
    '/api/inspectors',
    { config: WRITERS, schema: { tags: ['inspectors'], body: InspectorBody } },
    async (request, reply) => {
      reply.status(201);
      return createInspector(ctx.database, request.user!, request.body as InspectorInput);
    },
  );

  app.put(
    '/api/inspectors/:id',
    { config: WRITERS, schema: { tags: ['inspectors'], params: IdParams, body: InspectorBody } },
    async (request) =>
      updateInspector(ctx.database, request.user!, request.params.id, request.body as InspectorInput),
  );

  toggleRoutes(app, {
    path: '/api/inspectors/:id',
    tag: 'inspectors',
    access: WRITERS.access,
    summaries: { deactivate: 'Suspend (停用) an inspector', reactivate: 'Put an inspector back on duty' },
    run: (user, id, active, reason) =>
      setStatus(ctx.database, user, id, active ? 'on_duty' : 'suspended', reason),
  });

  app.post(
    '/api/inspectors/:id/conflicts',
    {
      config: { access: ['admin', 'dept_admin', 'inspector'] },
      schema: {
        tags: ['inspectors'],
        summary: 'Declare a conflict of interest (回避) with a business or another party',
        params: IdParams,
        body: Type.Object({
          entityId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          party: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          kind: literals(CONFLICT_KINDS),
          reason: Type.String({ minLength: 1, maxLength: 500 }),
        }),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return declareConflict(ctx.database, request.user!, request.params.id, request.body);
    },
  );

  app.post(
    '/api/inspectors/:id/conflicts/:conflictId/withdraw',
    {
      config: { access: ['admin', 'dept_admin', 'inspector'] },
      schema: {
        tags: ['inspectors'],
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          conflictId: Type.String({ format: 'uuid' }),
        }),
      },
    },
    async (request) => {
      await withdrawConflict(ctx.database, request.user!, request.params.id, request.params.conflictId);
      return { ok: true };
    },
  );
}
