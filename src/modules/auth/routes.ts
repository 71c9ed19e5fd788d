import { Type } from 'typebox';
import { type Api, type AppContext, SESSION_COOKIE } from '../../http/context.ts';
import type { CurrentUser } from './access.ts';
import { changePassword, login, logout, resolveSession } from './service.ts';

const SessionUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  orgLevel: Type.String(),
  regionCode: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  inspectorId: Type.Union([Type.String(), Type.Null()]),
});

const SessionResponse = Type.Object({ user: SessionUser, csrfToken: Type.String() });

const present = (user: CurrentUser) => ({
  user: {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgId: user.orgId,
    orgName: user.orgName,
    orgLevel: user.orgLevel,
    regionCode: user.regionCode,
    department: user.department,
    entityId: user.entityId,
    inspectorId: user.inspectorId,
  },
  csrfToken: user.csrfToken,
});

export async function authRoutes(app: Api, ctx: AppContext) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await login(ctx.database, ctx.config.sessionSecret, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      const user = await resolveSession(ctx.database, ctx.config.sessionSecret, token);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return present(user!);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token for writes',
        response: { 200: SessionResponse },
      },
    },
    async (request) => present(request.user!),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Sign out' } },
    async (request, reply) => {
      await logout(ctx.database, request.user!);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password; other sessions are signed out',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
    },
    async (request) => {
      await changePassword(ctx.database, request.user!, request.body);
      return { ok: true };
    },
  );
}
