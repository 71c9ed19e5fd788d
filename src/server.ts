// The HTTP server: security headers, sessions, access checks, the API, its documentation and
// the built web app, all on one port.
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Api, type AppContext, CSRF_HEADER, SESSION_COOKIE } from './http/context.ts';
import { DomainError } from './http/errors.ts';
import { PublicCache } from './http/public.ts';
import { describeValidation } from './http/validation.ts';
import { allows } from './modules/auth/access.ts';
import { resolveSession } from './modules/auth/service.ts';
import { routeModules } from './modules/index.ts';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  messageEn: string,
  field?: string,
) {
  return reply.status(status).send({ error: code, message, messageEn, ...(field ? { field } : {}) });
}

export async function buildServer(ctx: AppContext, options: { logger?: boolean } = {}): Promise<Api> {
  const app: Api = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tianping 天平 API',
        version: '1',
        description:
          '双随机、一公开 — fair, transparent, risk-based inspection with publicly verifiable draws',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Fail closed: an API route without a declared access rule stops the server from starting.
  // Every API route's rule is also kept in app.routeAccess, so tests can walk them all.
  app.decorate('publicCache', new PublicCache(ctx.config.publicCacheSeconds * 1000));
  // A write may change what the public sees (a result published, a plan amended): start afresh.
  app.addHook('onResponse', async (request, reply) => {
    const write = UNSAFE_METHODS.has(request.method) && !request.url.startsWith('/api/auth/');
    if (write && reply.statusCode < 400) app.publicCache.clear();
  });

  const routeAccess: Api['routeAccess'] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = await resolveSession(ctx.database, ctx.config.sessionSecret, token);
    if (!allows(access, request.user)) {
      return request.user
        ? sendError(reply, 403, 'forbidden', '您的角色无权访问此功能', 'Your role may not use this')
        : sendError(reply, 401, 'unauthenticated', '请先登录', 'Please sign in');
    }
    if (UNSAFE_METHODS.has(request.method)) {
      if (request.user) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sent, request.user.csrfToken)) {
          return sendError(
            reply,
            403,
            'csrf',
            '页面已过期，请刷新后重试',
            'The page has expired: reload and try again',
          );
        }
      } else if (!request.headers['content-type']?.startsWith('application/json')) {
        // Public writes accept JSON only, which a cross-site form cannot send.
        return sendError(reply, 415, 'json_only', '请求须为 JSON', 'Requests must be JSON');
      }
    }
  });

  app.setErrorHandler(
    (
      error: Error & { validation?: unknown; statusCode?: number; validationContext?: string },
      request,
      reply,
    ) => {
      if (error instanceof DomainError) {
        return sendError(reply, error.status, error.code, error.message, error.messageEn, error.field);
      }
      if (Array.isArray(error.validation) && error.validation.length) {
        const d = describeValidation(error.validation, error.validationContext ?? 'body');
        return sendError(reply, 400, 'invalid', d.message, d.messageEn, d.field);
      }
      if (error.statusCode === 429) {
        return sendError(
          reply,
          429,
          'rate_limited',
          '请求过于频繁，请稍后再试',
          'Too many requests: try again later',
        );
      }
      if (error.statusCode && error.statusCode < 500) {
        return sendError(reply, error.statusCode, 'bad_request', `请求无效：${error.message}`, error.message);
      }
      request.log.error({ err: error }, 'request failed');
      return sendError(
        reply,
        500,
        'internal',
        '服务器内部错误，请稍后再试',
        'Internal error: try again later',
      );
    },
  );

  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.database.db
        .selectFrom('org')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return { status: 'ok', database: ctx.database.backend };
    } catch (error) {
      reply.status(503);
      return { status: 'unavailable', database: ctx.database.backend, error: (error as Error).message };
    }
  });

  for (const register of routeModules) await app.register((scope) => register(scope as Api, ctx));

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      cacheControl: false,
      // Hashed assets never change; pages must be revalidated so a deploy is picked up at once.
      setHeaders(reply, path) {
        // The service worker (sw.js) keeps its name: revalidated like the pages.
        reply.header(
          'cache-control',
          path.endsWith('.html') || path.endsWith('/sw.js')
            ? 'no-cache'
            : 'public, max-age=31536000, immutable',
        );
      },
    });
  }
  // Unknown API paths are JSON 404s; any other path is a page of the single-page app.
  app.setNotFoundHandler((request, reply) => {
    const isFile = request.url.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(request.url.split('?')[0]);
    if (request.url.startsWith('/api/') || isFile || !existsSync(WEB_DIST) || request.method !== 'GET') {
      return sendError(reply, 404, 'not_found', '找不到该地址', 'No such address');
    }
    // The public portal (/public/…: draws, the verifier) is its own entry, never the staff app.
    const entry = /^\/public(\/|\?|$)/.test(request.url) ? 'public.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(entry);
  });
  return app;
}
