// Reads of draws for the public pages and the staff views. Public answers are built from explicit
// allow-lists: no inspector names or ID cards, no credit class beyond the stratum label of a pick.
import { type Kysely, sql } from 'kysely';
import type { Commitment } from '../../core/draw/index.ts';
import type { DB, DrawStatus } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { inOrgSubtree } from '../orgs/repo.ts';
import type { PublicAdjustment } from './replay.ts';
import type { DrawParameters } from './service.ts';

export interface DrawFilter {
  planId?: string;
  status?: DrawStatus;
  year?: number;
  q?: string;
  /** Staff lists: draws of plans owned in this subtree. */
  orgPath?: string;
  page: number;
  pageSize: number;
}

export async function listDraws(db: Kysely<DB>, f: DrawFilter) {
  let query = db
    .selectFrom('draw as d')
    .innerJoin('plan as p', 'p.id', 'd.plan_id')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .innerJoin('plan_batch as b', 'b.id', 'd.batch_id');
  if (f.orgPath) query = query.where(inOrgSubtree('d.org_id', f.orgPath));
  if (f.planId) query = query.where('d.plan_id', '=', f.planId);
  if (f.status) query = query.where('d.status', '=', f.status);
  if (f.year) query = query.where('p.year', '=', f.year);
  if (f.q) query = query.where((eb) => eb.or([eb('d.code', '=', f.q!), eb('p.name', 'like', `%${f.q}%`)]));
  const [rows, total] = await Promise.all([
    query
      .select([
        'd.id',
        'd.code',
        'd.status',
        'd.plan_id',
        'p.code as plan_code',
        'p.name as plan_name',
        'p.year',
        'o.name as org_name',
        'b.name as batch_name',
        'd.committed_at',
        'd.revealed_at',
        'd.completed_at',
        'd.abandoned_at',
        'd.abandoned_reason',
        'd.counts',
      ])
      .orderBy('d.committed_at', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A row of a draw list, as the public list, the staff list and the CLI show it. */
export function drawListRow(r: Awaited<ReturnType<typeof listDraws>>['rows'][number]) {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    planId: r.plan_id,
    planCode: r.plan_code,
    planName: r.plan_name,
    year: r.year,
    orgName: r.org_name,
    batchName: r.batch_name,
    committedAt: r.committed_at,
    completedAt: r.completed_at,
    abandonedReason: r.abandoned_reason,
    counts: r.counts as Record<string, number> | null,
  };
}

export async function publicAdjustments(db: Kysely<DB>, drawId: string) {
  const rows = await db
    .selectFrom('draw_adjustment as a')
    .innerJoin('task as t', 't.id', 'a.task_id')
    .leftJoin('task as n', 'n.id', 'a.new_task_id')
    .select([
      'a.seq',
      'a.kind',
      'a.reason',
      'a.purpose',
      'a.detail',
      'a.created_at',
      't.code as task_code',
      'n.code as new_task_code',
    ])
    .where('a.draw_id', '=', drawId)
    .orderBy('a.seq')
    .execute();
  return rows as (Omit<(typeof rows)[number], 'detail' | 'kind' | 'purpose'> & PublicAdjustment)[];
}

/** Everything public about a draw, by id or by code. */
export async function publicDraw(db: Kysely<DB>, idOrCode: string) {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const draw = await db
    .selectFrom('draw as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .leftJoin('draw as r', 'r.id', 'd.replaces_id')
    .leftJoin('draw as n', 'n.id', 'd.replaced_by')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.plan_id',
      'o.name as org_name',
      'd.region_code',
      'd.parameters',
      'd.commitment',
      'd.commitment_digest',
      'd.frame_digest',
      'd.roster_digest',
      'd.committed_at',
      'd.audit_seq',
      'd.reveal',
      'd.seed_hex',
      'd.revealed_at',
      'd.completed_at',
      'd.counts',
      'd.abandoned_reason',
      'd.abandoned_at',
      'r.id as replaces_id',
      'r.code as replaces_code',
      'n.id as replaced_by_id',
      'n.code as replaced_by_code',
    ])
    .where(byId ? 'd.id' : 'd.code', '=', idOrCode)
    .executeTakeFirst();
  if (!draw) throw notFound('抽取', 'Draw');
  return {
    id: draw.id,
    code: draw.code,
    status: draw.status,
    planId: draw.plan_id,
    orgName: draw.org_name,
    regionCode: draw.region_code,
    parameters: draw.parameters as DrawParameters,
    commitment: draw.commitment as Commitment,
    commitmentDigest: draw.commitment_digest,
    committedAt: draw.committed_at,
    auditSeq: draw.audit_seq,
    reveal: draw.reveal,
    seedHex: draw.seed_hex,
    revealedAt: draw.revealed_at,
    completedAt: draw.completed_at,
    counts: draw.counts as Record<string, number> | null,
    abandonedReason: draw.abandoned_reason,
    abandonedAt: draw.abandoned_at,
    replaces: draw.replaces_id ? { id: draw.replaces_id, code: draw.replaces_code } : null,
    replacedBy: draw.replaced_by_id ? { id: draw.replaced_by_id, code: draw.replaced_by_code } : null,
    adjustments: await publicAdjustments(db, draw.id),
  };
}

/**
 * Picks of a draw with their tasks: the business (identifier and registered name), its stratum label,
 * selected or alternate, and the task's code, status, reason and current team (certificate numbers,
 * lead first).
 */
export async function publicPicks(
  db: Kysely<DB>,
  drawId: string,
  f: { h?: number; status?: 'unassigned'; page: number; pageSize: number },
) {
  let query = db
    .selectFrom('draw_pick as k')
    .innerJoin('entity as e', 'e.id', 'k.entity_id')
    .leftJoin('task as t', (join) =>
      join.onRef('t.entity_id', '=', 'k.entity_id').onRef('t.draw_id', '=', 'k.draw_id'),
    )
    .where('k.draw_id', '=', drawId);
  if (f.h !== undefined) query = query.where('k.h', '=', f.h);
  if (f.status) query = query.where('t.status', '=', f.status);
  const [rows, total] = await Promise.all([
    query
      .select([
        'k.h',
        'k.rank',
        'k.identifier',
        'e.name',
        'k.selected',
        't.code as task_code',
        't.status as task_status',
        't.status_reason',
      ])
      .select(
        sql<string[] | null>`(select array_agg(i.cert_no order by m.position) from task_member m
          join inspector i on i.id = m.inspector_id where m.task_id = t.id and m.removed_by is null)`.as(
          'team',
        ),
      )
      .select('t.id as task_id')
      .orderBy('k.h')
      .orderBy('k.rank')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, team: r.team ?? [] })), total: Number(total.n) };
}

/** The tasks a business was drawn for, newest first, with the state of their inspections. */
export async function tasksOfEntity(db: Kysely<DB>, entityId: string) {
  const { rows } = await sql<{
    id: string;
    code: string;
    status: string;
    status_reason: string | null;
    created_at: Date;
    org_name: string;
    plan_code: string | null;
    plan_name: string | null;
    draw_code: string | null;
    inspection_statuses: string[] | null;
  }>`
    select t.id, t.code, t.status, t.status_reason, t.created_at, o.short_name as org_name,
      p.code as plan_code, p.name as plan_name, d.code as draw_code,
      (select array_agg(distinct i.status) from inspection i where i.task_id = t.id) as inspection_statuses
    from task t
    join org o on o.id = t.org_id
    left join plan p on p.id = t.plan_id
    left join draw d on d.id = t.draw_id
    where t.entity_id = ${entityId}
    order by t.created_at desc
    limit 100`.execute(db);
  return rows;
}
