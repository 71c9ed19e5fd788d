import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { STAFF } from '../auth/access.ts';
import { findOrg, listOrgsUnder } from './repo.ts';

const Org = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  kind: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
  region_code: Type.String(),
  active: Type.Boolean(),
});

export async function orgRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/orgs',
    {
      config: { access: STAFF },
      schema: {
        tags: ['orgs'],
        summary: 'Organisations at and below your own',
        response: { 200: Type.Array(Org) },
      },
    },
    async (request) => listOrgsUnder(ctx.database.db, request.user!.orgPath),
  );

  app.get(
    '/api/orgs/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['orgs'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Org },
      },
    },
    async (request) => {
      const org = await findOrg(ctx.database.db, request.params.id);
      if (!org) throw notFound('组织', 'Organisation');
      if (!org.path.startsWith(request.user!.orgPath)) throw forbidden();
      return org;
    },
  );
}
