// Plans and draws for integration tests, through the API as a coordinator or department would.
import { sql } from 'kysely';
import type { Database } from '../../src/db/connection.ts';
import type { Agent } from './app.ts';

export const NANSHAN_SAMR = '440305-SAMR';

export const orgId = async (database: Database, code: string) =>
  (await database.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/** A plan body with sensible defaults for Nanshan's market-supervision bureau. */
export function planBody(org: string, overrides: Record<string, unknown> = {}) {
  return {
    year: 2026,
    orgId: org,
    name: '测试抽查计划',
    kind: 'single',
    cooperatingOrgIds: [],
    directed: false,
    scope: {},
    ratios: { A: 0, B: 500, C: 2000, D: 5000 },
    alternatesBp: 5000,
    teamSize: 2,
    crossOffice: true,
    excludeRecentMonths: 0,
    workloadCap: null,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    items: [],
    batches: [],
    ...overrides,
  };
}

async function ok(res: { status: number; body: string; json: () => any }, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.body}`);
  return res.json();
}

/** Drafts, files and publishes a plan; returns its view (with batches). */
export async function publishedPlan(agent: Agent, body: object) {
  const { id } = await ok(await agent.request('POST', '/api/plans', body), 'create plan');
  await ok(await agent.request('POST', `/api/plans/${id}/file`), 'file plan');
  await ok(await agent.request('POST', `/api/plans/${id}/publish`), 'publish plan');
  return agent.get(`/api/plans/${id}`);
}

/** Commits and reveals a draw of a plan's batch with published numbers; returns the draw's public view. */
export async function drawn(
  agent: Agent,
  plan: { id: string; batches: { id: string }[] },
  groups: number[][] = [
    [1, 2, 3],
    [4, 5, 6, 7, 8],
  ],
  batch = 0,
) {
  const { id } = await ok(
    await agent.request('POST', `/api/plans/${plan.id}/draws`, {
      batchId: plan.batches[batch].id,
      sources: [{ kind: 'values', description: '测试号码' }],
    }),
    'commit',
  );
  await ok(
    await agent.request('POST', `/api/draws/${id}/reveal`, { reveal: [{ kind: 'values', groups }] }),
    'reveal',
  );
  return agent.get(`/api/draws/${id}`);
}

/** An inspection item owned by a department (the registers module owns the table). */
export async function insertItem(
  database: Database,
  fields: {
    code: string;
    name: string;
    orgId: string;
    itemType?: 'general' | 'key';
    qualification?: string;
    ratioBp?: number;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into inspection_item (code, year, owner_department, owner_org_id, category, name, item_type,
      ratio_bp, required_qualification, org_id)
    values (${fields.code}, 2026, '市场监督管理局', ${fields.orgId}, '测试类别', ${fields.name},
      ${fields.itemType ?? 'key'}, ${fields.ratioBp ?? null}, ${fields.qualification ?? null}, ${fields.orgId})
    returning id`.execute(database.db);
  return rows[0].id;
}
