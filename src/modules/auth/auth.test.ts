import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { SESSION_COOKIE } from '../../http/context.ts';
import { DEMO_PASSWORD } from '../../seed/accounts.ts';
import { MAX_FAILURES } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const loginRaw = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user and a CSRF token', async () => {
    const res = await loginRaw('coordinator', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ user: { username: 'coordinator', role: 'coordinator' } });
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const res = await loginRaw('reviewer', 'wrong-password-1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'bad_credentials', message: '用户名或密码错误' });
  });

  it('gives an unknown user the same answer as a wrong password', async () => {
    const res = await loginRaw('nobody', 'whatever-123');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('用户名或密码错误');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      expect((await loginRaw('inspector2', 'bad-password-0')).statusCode).toBe(401);
    const locking = await loginRaw('inspector2', 'bad-password-0');
    expect(locking.statusCode).toBe(423);
    expect(locking.json().message).toContain('账户已锁定');
    expect((await loginRaw('inspector2', DEMO_PASSWORD)).statusCode).toBe(423);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('sessions and CSRF', () => {
  it('answers 401 without a session and 401 after logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/dashboard/summary' })).statusCode).toBe(401);
    const agent = await t.login('dept_admin');
    expect((await agent.request('GET', '/api/auth/session')).status).toBe(200);
    expect((await agent.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await agent.request('GET', '/api/auth/session')).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const agent = await t.login('admin');
    const session = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      })
    ).cookies.find((c) => c.name === SESSION_COOKIE)!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      cookies: { [SESSION_COOKIE]: session.value },
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Another-pass-2027' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf');
    expect((await agent.request('GET', '/api/auth/session')).status).toBe(200);
  });

  it('changes a password, signs out other sessions and rejects weak ones with the field named', async () => {
    const first = await t.login('coordinator');
    const second = await t.login('coordinator');
    const weak = await first.request('POST', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.json()).toMatchObject({ field: 'newPassword', message: '新密码至少需要10个字符' });
    const ok = await first.request('POST', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Coordinator-2027',
    });
    expect(ok.status).toBe(200);
    expect((await first.request('GET', '/api/auth/session')).status).toBe(200);
    expect((await second.request('GET', '/api/auth/session')).status).toBe(401);
    expect((await loginRaw('coordinator', 'Coordinator-2027')).statusCode).toBe(200);
  });
});

describe('roles and data scope', () => {
  it('declares an access rule on every API route', () => {
    // buildServer throws at start otherwise; this documents it by checking one known route.
    expect(t.app.hasRoute({ method: 'GET', url: '/api/users' })).toBe(true);
  });

  it('lets only admins manage users', async () => {
    const inspector = await t.login('inspector');
    expect((await inspector.request('GET', '/api/users')).status).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/api/users')).total).toBeGreaterThanOrEqual(7);
  });

  it('keeps an inspector of Nanshan out of Futian', async () => {
    const nanshan = await t.login('inspector');
    const futianEntity = await t.database.db
      .selectFrom('entity')
      .select('id')
      .where('region_code', 'like', '440304%')
      .limit(1)
      .executeTakeFirstOrThrow();
    const nanshanEntity = await t.database.db
      .selectFrom('entity')
      .select('id')
      .where('region_code', 'like', '440305%')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect((await nanshan.request('GET', `/api/entities/${futianEntity.id}`)).status).toBe(403);
    expect((await nanshan.request('GET', `/api/entities/${nanshanEntity.id}`)).status).toBe(200);
    const list = await nanshan.get('/api/entities?pageSize=200');
    expect(list.total).toBeGreaterThan(0);
    expect(list.rows.every((r: { region_code: string }) => r.region_code.startsWith('440305'))).toBe(true);

    const futianOrg = await t.database.db
      .selectFrom('org')
      .select('id')
      .where('code', '=', '440304-SAMR')
      .executeTakeFirstOrThrow();
    expect((await nanshan.request('GET', `/api/orgs/${futianOrg.id}`)).status).toBe(403);
    const orgs = await nanshan.get('/api/orgs');
    expect(orgs.some((o: { id: string }) => o.id === futianOrg.id)).toBe(false);
  });

  it('shows a city-level account the whole city', async () => {
    const cityAdmin = await t.login('admin');
    const summary = await cityAdmin.get('/api/dashboard/summary');
    const total = await t.database.db
      .selectFrom('entity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(summary.entities).toBe(Number(total.n));
    expect(summary.entitiesByDistrict.length).toBe(9);
  });
});
