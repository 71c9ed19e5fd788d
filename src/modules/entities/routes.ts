import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { inRegionScope, STAFF, userRegionPrefix } from '../auth/access.ts';
import { findEntity, listEntities } from './repo.ts';

export async function entityRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/entities',
    {
      config: { access: STAFF },
      schema: {
        tags: ['entities'],
        summary: 'Businesses in your region',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          creditClass: Type.Optional(Type.Union(['A', 'B', 'C', 'D'].map((c) => Type.Literal(c)))),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) =>
      listEntities(ctx.database.db, {
        ...request.query,
        creditClass: request.query.creditClass as 'A' | 'B' | 'C' | 'D' | undefined,
        regionPrefix: userRegionPrefix(request.user!),
      }),
  );

  app.get(
    '/api/entities/:id',
    {
      config: { access: STAFF },
      schema: { tags: ['entities'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (request) => {
      const entity = await findEntity(ctx.database.db, request.params.id);
      if (!entity) throw notFound('市场主体', 'Business');
      if (!inRegionScope(request.user!, entity.region_code)) throw forbidden();
      return entity;
    },
  );
}
