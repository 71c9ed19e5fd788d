// Plans and draws for integration tests, through the API as a coordinator or department would.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { sha256Node } from '../../src/core/draw/hash-node.ts';
import { type Commitment, commitmentDigest, toHex } from '../../src/core/draw/index.ts';
import type { Database } from '../../src/db/connection.ts';
import { compress } from '../../src/modules/draws/frame.ts';
import { type Roster, rosterText } from '../../src/modules/draws/roster.ts';
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

async function ok(res: Awaited<ReturnType<Agent['request']>>, what: string) {
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

/** A draw stored as the commit step would store it, from a given commitment, frame and roster. */
export async function storedDraw(
  database: Database,
  input: {
    planId: string;
    batchId: string;
    department: { id: string; code: string; name: string };
    commitment: Commitment;
    frame: { label: string; ids: string[] }[];
    roster: Roster;
    committedAt: Date;
  },
) {
  const id = randomUUID();
  const parameters = {
    departments: [input.department],
    items: [],
    teams: {
      team_size: input.commitment.team_size,
      cross_office: false,
      workload_cap: null,
      valid_through: '2026-12-31',
    },
  };
  const rosterJson = rosterText(input.roster);
  await database.db
    .insertInto('draw')
    .values({
      id,
      code: input.commitment.draw_id,
      plan_id: input.planId,
      batch_id: input.batchId,
      org_id: input.department.id,
      region_code: '440305',
      status: 'committed',
      parameters: JSON.stringify(parameters),
      commitment: JSON.stringify(input.commitment),
      commitment_digest: toHex(await commitmentDigest(sha256Node, input.commitment)),
      frame_digest: input.commitment.frame_digest,
      roster_digest: createHash('sha256').update(rosterJson).digest('hex'),
      roster_gz: await compress(rosterJson),
      committed_at: input.committedAt,
    })
    .execute();
  for (const [h, { label, ids }] of input.frame.entries()) {
    await database.db
      .insertInto('draw_frame')
      .values({ draw_id: id, h, label, size: ids.length, text_gz: await compress(ids.join('\n')) })
      .execute();
  }
  return id;
}
