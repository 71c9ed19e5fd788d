import { brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { buildServer } from '../../server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

/** A request without a session, as a citizen's browser sends it. */
async function anonymous(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, headers: res.headers, body: res.body, json: () => res.json() };
}
const get = async (url: string) => {
  const res = await anonymous(url);
  expect(res.status, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
};

const one = async <T>(query: string) => (await sql<T>`${sql.raw(query)}`.execute(t.database.db)).rows[0];

describe('published results', () => {
  it('lists only published records, newest first, with codes and disposition in words', async () => {
    const { total, rows } = await get('/api/public/results?pageSize=100');
    const published = await one<{ n: number }>(
      `select count(*)::int as n from inspection where status = 'published'`,
    );
    expect(total).toBe(published.n);
    expect(total).toBeGreaterThan(50);
    const times = rows.map((r: { publishedAt: string }) => Date.parse(r.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const row = rows[0];
    expect(row.codes[0]).toMatchObject({
      code: expect.any(String),
      zh: expect.any(String),
      en: expect.any(String),
    });
    expect(row.items.length).toBeGreaterThan(0);
    const approved = await one<{ id: string }>(`select id from inspection where status = 'approved' limit 1`);
    if (approved) expect(rows.map((r: { id: string }) => r.id)).not.toContain(approved.id);
  });

  it('filters by result code, department, date and business', async () => {
    const problems = await get('/api/public/results?code=A&pageSize=100');
    expect(problems.total).toBeGreaterThan(0);
    for (const r of problems.rows) expect(r.codes.map((c: { code: string }) => c.code)).toContain('A');

    const { rows } = await get('/api/public/results?pageSize=1');
    const byDept = await get(
      `/api/public/results?department=${encodeURIComponent(rows[0].department)}&pageSize=100`,
    );
    expect(byDept.total).toBeGreaterThan(0);
    for (const r of byDept.rows) expect(r.department).toBe(rows[0].department);

    const day = rows[0].publishedAt.slice(0, 10);
    const since = await get(`/api/public/results?since=${day}&pageSize=100`);
    for (const r of since.rows)
      expect(Date.parse(r.publishedAt)).toBeGreaterThanOrEqual(
        Date.parse(`${day}T00:00:00+08:00`) - 86_400_000,
      );

    const byCode = await get(`/api/public/results?q=${rows[0].identifier}`);
    expect(byCode.rows.every((r: { identifier: string }) => r.identifier === rows[0].identifier)).toBe(true);
    const byName = await get(`/api/public/results?q=${encodeURIComponent(rows[0].entityName)}`);
    expect(byName.rows.map((r: { id: string }) => r.id)).toContain(rows[0].id);
  });

  it('rejects a malformed date with the field named', async () => {
    const res = await anonymous('/api/public/results?since=2026-13-45');
    expect(res.status).toBe(400);
    expect(res.json().field).toContain('since');
  });
});

describe('feeds', () => {
  it('pages through everything published since a date by cursor, oldest first, without gaps', async () => {
    const since = '2000-01-01';
    const seen: string[] = [];
    let url = `/api/public/feeds/results.json?since=${since}&limit=97`;
    for (;;) {
      const page = await get(url);
      seen.push(...page.rows.map((r: { id: string }) => r.id));
      if (!page.next) break;
      url = `/api/public/feeds/results.json?since=${since}&limit=97&after=${page.next}`;
    }
    const { total } = await get('/api/public/results?pageSize=1');
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses a forged cursor', async () => {
    const res = await anonymous('/api/public/feeds/results.json?since=2026-01-01&after=bm9wZQ');
    expect(res.status).toBe(400);
    expect(res.json().field).toBe('after');
  });

  it('streams the same records as CSV with a BOM and a header row', async () => {
    const res = await anonymous('/api/public/feeds/results.csv?since=2000-01-01');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0].startsWith('\ufeff企业名称,')).toBe(true);
    const { total } = await get('/api/public/results?pageSize=1');
    expect(lines.length - 1).toBe(total);
  });
});

describe('business look-up', () => {
  it('finds businesses by a part of the name and by code, with their published results and list entries', async () => {
    const inspected = await one<{
      identifier: string;
      name: string;
    }>(`select e.identifier, e.name from entity e
      join inspection i on i.entity_id = e.id and i.status = 'published' order by e.identifier limit 1`);
    const part = [...inspected.name].slice(-4).join('');
    const found = await get(`/api/public/entities?q=${encodeURIComponent(part)}`);
    expect(found.rows.map((r: { identifier: string }) => r.identifier)).toContain(inspected.identifier);
    const byCode = await get(`/api/public/entities?q=${inspected.identifier.toLowerCase()}`);
    expect(byCode.rows).toHaveLength(1);
    expect(byCode.rows[0].publishedCount).toBeGreaterThan(0);

    const page = await get(`/api/public/entities/${inspected.identifier}`);
    expect(page.name).toBe(inspected.name);
    expect(page.inspections.length).toBe(byCode.rows[0].publishedCount);
    expect(page.listEntries).toEqual(expect.any(Array));
  });

  it('explains in Chinese why one character is not enough, and 404s an unknown code', async () => {
    const short = await anonymous(`/api/public/entities?q=${encodeURIComponent('店')}`);
    expect(short.status).toBe(400);
    expect(short.json()).toMatchObject({ field: 'q', message: expect.stringContaining('至少两个字') });
    expect((await anonymous('/api/public/entities/91440300000000000X')).status).toBe(404);
  });
});

describe('items, plans and statistics', () => {
  it('lists the item list by department and type, with facets', async () => {
    const facets = await get('/api/public/items/facets');
    expect(facets.years.length).toBeGreaterThan(0);
    const dept = facets.departments[0];
    const list = await get(
      `/api/public/items?department=${encodeURIComponent(dept)}&itemType=key&pageSize=100`,
    );
    for (const i of list.rows) expect(i).toMatchObject({ ownerDepartment: dept, itemType: 'key' });
    const all = await get('/api/public/items?pageSize=1');
    const active = await one<{ n: number }>(`select count(*)::int as n from inspection_item where active`);
    expect(all.total).toBe(active.n);
  });

  it('shows published plans only, with items, batches, draws and amendments', async () => {
    const list = await get('/api/public/plans?pageSize=100');
    const published = await one<{ n: number }>(
      `select count(*)::int as n from plan where status = 'published'`,
    );
    expect(list.total).toBe(published.n);
    const withDraw = await one<{ code: string }>(`select p.code from plan p
      join plan_batch b on b.plan_id = p.id join draw d on d.batch_id = b.id limit 1`);
    const plan = await get(`/api/public/plans/${withDraw.code}`);
    expect(plan.batches.some((b: { draw: unknown }) => b.draw !== null)).toBe(true);
    expect(plan.items.length).toBeGreaterThan(0);
    const draft = await one<{ code: string } | undefined>(
      `select code from plan where status <> 'published' limit 1`,
    );
    if (draft) expect((await anonymous(`/api/public/plans/${draft.code}`)).status).toBe(404);
  });

  it('counts a year by department, result code and month, matching the records', async () => {
    const s = await get('/api/public/stats');
    expect(s.years).toContain(s.year);
    const inYear = await one<{ n: number }>(`select count(*)::int as n from inspection
      where status = 'published' and extract(year from ended_on) = ${s.year}`);
    expect(s.totals.published).toBe(inYear.n);
    const sum = (xs: { n: number }[]) => xs.reduce((a, x) => a + x.n, 0);
    expect(sum(s.byDepartment)).toBe(inYear.n);
    expect(sum(s.byMonth)).toBe(inYear.n);
    expect(s.totals.withProblems).toBeLessThanOrEqual(s.totals.published);
    expect(s.byCode.find((c: { code: string }) => c.code === '1')?.zh).toBe('未发现问题');
  });
});

describe('HTTP behaviour of public routes', () => {
  it('answers a known ETag with 304 and compresses with brotli', async () => {
    const first = await anonymous('/api/public/stats', { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const again = await anonymous('/api/public/stats', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/public/stats',
      headers: { 'accept-encoding': 'br' },
    });
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8')).year).toBeGreaterThan(2000);
  });

  it('a write (publication) is visible at once, not after the cache expires', async () => {
    const before = (await get('/api/public/results?pageSize=1')).total;
    const approved = await one<{ id: string } | undefined>(`select i.id from inspection i
      join org o on o.id = i.org_id where i.status = 'approved' limit 1`);
    expect(approved).toBeDefined();
    const reviewer = await t.login('reviewer');
    const res = await reviewer.request('POST', '/api/inspections/publish', { ids: [approved!.id] });
    if (res.status !== 200) {
      // The demo reviewer may not cover this department: publish as the admin instead.
      const admin = await t.login('admin');
      expect((await admin.request('POST', '/api/inspections/publish', { ids: [approved!.id] })).status).toBe(
        200,
      );
    }
    expect((await get('/api/public/results?pageSize=1')).total).toBe(before + 1);
  });

  it('limits each client per route: 429 with Retry-After and a Chinese message', async () => {
    const config = loadConfig({
      TIANPING_DATA_DIR: t.dataDir,
      TIANPING_SESSION_SECRET: 'test-secret-test-secret-test-secret!',
      LOG_LEVEL: 'silent',
      TIANPING_PUBLIC_RATE_LIMIT: '3',
    });
    const app = await buildServer({ config, database: t.database }, { logger: false });
    try {
      const hit = () => app.inject({ method: 'GET', url: '/api/public/codes', remoteAddress: '10.9.8.7' });
      for (let i = 0; i < 3; i++) expect((await hit()).statusCode).toBe(200);
      const limited = await hit();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().message).toContain('请求过于频繁');
      const other = await app.inject({ method: 'GET', url: '/api/public/codes', remoteAddress: '10.9.8.6' });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('nothing personal or internal leaves through a public route', () => {
  /** Field names that must never appear in a public answer, at any depth. */
  const FORBIDDEN_KEYS =
    /^(id_?card|phone|mobile|legal_?rep|credit_?class|score|note|notes|disposition_?note|return_?reason|summary|password.*|email|display_?name|user_?name|location|start_?location|end_?location|evidence)$/i;

  function forbiddenKeys(value: unknown, path = '$'): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => [
      ...(FORBIDDEN_KEYS.test(k) ? [`${path}.${k}`] : []),
      ...forbiddenKeys(v, `${path}.${k}`),
    ]);
  }

  it('walks every public GET route and finds no forbidden field and no personal value', async () => {
    const draw = await one<{ code: string }>(`select code from draw order by code limit 1`);
    const plan = await one<{ code: string }>(`select code from plan where status = 'published' limit 1`);
    const inspected = await one<{
      identifier: string;
      name: string;
    }>(`select e.identifier, e.name from entity e
      where exists (select 1 from inspection i where i.entity_id = e.id and i.status = 'published') limit 1`);
    const urls: Record<string, string[]> = {
      '/api/public/draws': ['/api/public/draws'],
      '/api/public/draws/:id': [`/api/public/draws/${draw.code}`],
      '/api/public/draws/:id/picks': [`/api/public/draws/${draw.code}/picks?pageSize=500`],
      '/api/public/draws/:id/kit': [`/api/public/draws/${draw.code}/kit`],
      '/api/public/items': ['/api/public/items?pageSize=100'],
      '/api/public/items/facets': ['/api/public/items/facets'],
      '/api/public/codes': ['/api/public/codes'],
      '/api/public/plans': ['/api/public/plans?pageSize=100'],
      '/api/public/plans/:id': [`/api/public/plans/${plan.code}`],
      '/api/public/results': ['/api/public/results?pageSize=100', '/api/public/results?code=A&pageSize=100'],
      '/api/public/entities': [
        `/api/public/entities?q=${encodeURIComponent([...inspected.name].slice(-3).join(''))}`,
      ],
      '/api/public/entities/:identifier': [`/api/public/entities/${inspected.identifier}`],
      '/api/public/stats': ['/api/public/stats'],
      '/api/public/feeds/results.json': ['/api/public/feeds/results.json?since=2000-01-01&limit=1000'],
      '/api/public/feeds/results.csv': ['/api/public/feeds/results.csv?since=2000-01-01'],
    };
    const routes = t.app.routeAccess.filter(
      (r) => r.access === 'public' && r.method === 'GET' && r.url.startsWith('/api/'),
    );
    // A new public route must be added here, so that it is walked too.
    expect(routes.map((r) => r.url).sort()).toEqual(Object.keys(urls).sort());

    // Personal values of the demo city: inspectors' ID cards and phones, businesses' phones and
    // legal representatives, staff names.
    const { rows: secrets } = await sql<{ v: string }>`
      select v from (
        (select id_card as v from inspector where id_card is not null limit 200)
        union all (select phone from inspector where phone is not null limit 200)
        union all (select name from inspector limit 200)
        union all (select phone from entity where phone is not null limit 200)
        union all (select legal_rep from entity where legal_rep is not null and length(legal_rep) >= 3 limit 200)
        union all (select display_name from app_user)) s
      where length(v) >= 3`.execute(t.database.db);
    expect(secrets.length).toBeGreaterThan(100);

    for (const url of Object.values(urls).flat()) {
      const res = await anonymous(url);
      expect(res.status, url).toBe(200);
      if (res.headers['content-type']?.toString().includes('json')) {
        expect(forbiddenKeys(res.json()), url).toEqual([]);
      }
      const leaked = secrets.filter((s) => res.body.includes(s.v)).map((s) => s.v);
      expect(leaked, url).toEqual([]);
    }
  });
});
