import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { inOrgSubtree } from '../orgs/repo.ts';
import { verifyChain } from './repo.ts';

export async function auditRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      config: { access: ['admin', 'coordinator'] },
      schema: {
        tags: ['audit'],
        summary: 'Audit events about your organisation and below, newest first',
        querystring: Type.Object({
          subjectType: Type.Optional(Type.String({ maxLength: 50 })),
          subjectId: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      let query = ctx.database.db
        .selectFrom('audit_event')
        .where((eb) => eb.or([eb('org_id', 'is', null), inOrgSubtree('org_id', request.user!.orgPath)]));
      if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
      if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
      if (q.action) query = query.where('action', 'like', `${q.action}%`);
      const [rows, total] = await Promise.all([
        query
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: ['admin'] },
      schema: { tags: ['audit'], summary: 'Recompute the whole audit chain' },
    },
    async () => verifyChain(ctx.database.db),
  );
}
