// A server over a fresh database holding a small demo city, driven with Fastify's inject.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { Api } from '../../src/http/context.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/http/context.ts';
import { DEMO_PASSWORD } from '../../src/seed/accounts.ts';
import { loadDemoCity } from '../../src/seed/load.ts';
import { buildServer } from '../../src/server.ts';
import { type TestDatabase, testDatabase } from './db.ts';

export interface Agent {
  username: string;
  csrfToken: string;
  user: { id: string; role: string; orgId: string; entityId: string | null; inspectorId: string | null };
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: () => any; body: string; headers: Record<string, unknown> }>;
  get(url: string): Promise<any>;
  /** POSTs one file as multipart/form-data (part name "file"), its name in UTF-8 as browsers send it. */
  upload(
    url: string,
    fileName: string,
    bytes: Uint8Array | string,
  ): Promise<{ status: number; json: () => any; body: string }>;
  /** GETs raw bytes (downloads). */
  download(url: string): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>;
}

export interface TestApp {
  app: Api;
  database: TestDatabase;
  dataDir: string;
  /** Signs in through the API; `ip` gives the request another address (login is rate-limited per address). */
  login(username: string, password?: string, ip?: string): Promise<Agent>;
  close(): Promise<void>;
}

export async function testApp(city: { entities?: number; inspectors?: number } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'tianping-test-'));
  await loadDemoCity(database, {
    entities: city.entities ?? 3000,
    inspectors: city.inspectors ?? 300,
    seed: 'test-city',
    dataDir,
  });
  const config = loadConfig({
    TIANPING_DATA_DIR: dataDir,
    TIANPING_SESSION_SECRET: 'test-secret-test-secret-test-secret!',
    LOG_LEVEL: 'silent',
  });
  const app = await buildServer({ config, database }, { logger: false });

  async function login(username: string, password = DEMO_PASSWORD, ip?: string): Promise<Agent> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      ...(ip ? { remoteAddress: ip } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    const { csrfToken, user } = res.json();
    const request: Agent['request'] = async (method, url, body, headers = {}) => {
      const r = await app.inject({
        method: method as 'GET',
        url,
        payload: body as object | undefined,
        cookies: { [SESSION_COOKIE]: cookie.value },
        headers: { ...headers, [CSRF_HEADER]: csrfToken },
      });
      return { status: r.statusCode, json: () => r.json(), body: r.body, headers: r.headers };
    };
    const session = { [SESSION_COOKIE]: cookie.value };
    return {
      username,
      csrfToken,
      user,
      request,
      async upload(url, fileName, bytes) {
        const boundary = `----tianping${Date.now()}`;
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
        const payload = Buffer.concat([
          Buffer.from(head),
          Buffer.from(bytes),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const r = await app.inject({
          method: 'POST',
          url,
          payload,
          cookies: session,
          headers: { [CSRF_HEADER]: csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        return { status: r.statusCode, json: () => r.json(), body: r.body };
      },
      async download(url) {
        const r = await app.inject({ method: 'GET', url, cookies: session });
        return { status: r.statusCode, headers: r.headers, bytes: r.rawPayload };
      },
      async get(url) {
        const r = await request('GET', url);
        if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${r.body}`);
        return r.json();
      },
    };
  }

  return {
    app,
    database,
    dataDir,
    login,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
