import { Type } from 'typebox';
import type { Api, AppContext } from '../../http/context.ts';
import { ROLES } from '../auth/access.ts';
import { listUsers } from './repo.ts';
import { createUser, resetPassword, updateUser } from './service.ts';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const admin = { access: ['admin'] as const };

export async function userRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Accounts in your organisation and below',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          role: Type.Optional(RoleSchema),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
      },
    },
    async (request) => listUsers(ctx.database.db, { ...request.query, orgPath: request.user!.orgPath }),
  );

  app.post(
    '/api/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        body: Type.Object({
          username: Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$' }),
          displayName: Type.String({ minLength: 1, maxLength: 50 }),
          role: RoleSchema,
          orgId: Type.String({ format: 'uuid' }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createUser(ctx.database, request.user!, request.body);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: admin,
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object({
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
          role: Type.Optional(RoleSchema),
          orgId: Type.Optional(Type.String({ format: 'uuid' })),
          active: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      await updateUser(ctx.database, request.user!, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: admin,
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (request) => {
      await resetPassword(ctx.database, request.user!, request.params.id, request.body.password);
      return { ok: true };
    },
  );
}
