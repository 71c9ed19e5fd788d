// The demo city's completed draw: Nanshan's market-supervision bureau files and publishes its 2026
// plan over the district's businesses and draws it with published lottery numbers, so the public pages
// and the verifier have a real draw to show from the first start.
import { sql } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { CurrentUser } from '../auth/access.ts';
import { GENERAL_ITEM_CAP_BP } from '../plans/rules.ts';
import { advancePlan, createPlan } from '../plans/service.ts';
import { commitDraw, operatorOf, revealDraw } from './service.ts';

const DEMO_DEPARTMENT = '440305-SAMR';
const DEMO_PLANNER = 'dept_admin';
/** Henan's published ratios (DOMAIN §4): A 无事不扰, B 2 %, C 10 %, D 30 %. */
const DEMO_RATIOS = { A: 0, B: 200, C: 1000, D: 3000 };

/** A user of the database acting outside a session (demo loader, benchmark), or undefined. */
export async function actingUser(database: Database, username: string): Promise<CurrentUser | undefined> {
  const row = await database.db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'o.name as org_name',
      'o.path',
      'o.level',
      'o.region_code',
      'o.department',
    ])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgPath: row.path,
    orgLevel: row.level,
    regionCode: row.region_code,
    department: row.department,
    entityId: null,
    inspectorId: null,
    sessionId: '',
    csrfToken: '',
  };
}

/**
 * Up to three market-supervision items of the register, key items first (they are not capped), when
 * the register has any; a plan without items draws over the frame all the same. A team must hold the
 * qualification of every item, so the items chosen are those whose qualification most of the
 * department's inspectors hold — a demo plan should draw teams, not a list of unassigned tasks.
 */
async function demoItems(database: Database, departmentId: string) {
  const { rows } = await sql<{ id: string; item_type: 'general' | 'key'; ratio_bp: number | null }>`
    with held as (
      select q, count(*) as n from inspector i, unnest(i.qualifications) q
      where i.org_id = ${departmentId} and i.status = 'on_duty'
      group by q)
    select i.id, i.item_type, i.ratio_bp
    from inspection_item i
    left join org o on o.id = i.owner_org_id
    left join held on held.q = i.required_qualification
    where i.active and not i.is_joint
      and (o.department = 'SAMR' or i.department = 'SAMR' or i.owner_department like '%市场监督%')
    order by (i.item_type = 'key') desc,
      case when i.required_qualification is null then 1e9 else coalesce(held.n, 0) end desc,
      i.code
    limit 3`.execute(database.db);
  return rows;
}

/** Plans, files, publishes and draws the demo plan. Returns the draw's code, or null without a planner. */
export async function loadDemoDraw(database: Database): Promise<string | null> {
  const planner = await actingUser(database, DEMO_PLANNER);
  if (!planner) return null;
  const department = await database.db
    .selectFrom('org')
    .select('code')
    .where('id', '=', planner.orgId)
    .executeTakeFirst();
  if (department?.code !== DEMO_DEPARTMENT) return null;
  const items = await demoItems(database, planner.orgId);
  // General items cap every ratio (GENERAL_ITEM_CAP_BP, or the item's own lower ratio).
  const cap = Math.min(
    10_000,
    ...items
      .filter((i) => i.item_type === 'general')
      .map((i) => Math.min(i.ratio_bp ?? GENERAL_ITEM_CAP_BP, GENERAL_ITEM_CAP_BP)),
  );
  const ratios = Object.fromEntries(
    Object.entries(DEMO_RATIOS).map(([k, v]) => [k, Math.min(v, cap)]),
  ) as typeof DEMO_RATIOS;
  const { id: planId } = await createPlan(database, planner, {
    year: 2026,
    orgId: planner.orgId,
    name: '南山监管局2026年度“双随机、一公开”抽查计划',
    kind: 'single',
    cooperatingOrgIds: [],
    directed: false,
    scope: {},
    ratios,
    alternatesBp: 2000,
    byDistrict: false,
    teamSize: 2,
    crossOffice: true,
    excludeRecentMonths: 12,
    workloadCap: 30,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    items: items.map((i) => ({ itemId: i.id })),
    batches: [{ name: '全年批次', startsOn: '2026-01-01', endsOn: '2026-12-31' }],
  });
  await advancePlan(database, planner, planId, 'file');
  await advancePlan(database, planner, planId, 'publish');
  const batch = await database.db
    .selectFrom('plan_batch')
    .select('id')
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  const who = operatorOf(planner);
  const { id } = await commitDraw(database, who, planId, {
    batchId: batch.id,
    sources: [
      {
        kind: 'values',
        description: '演示：第一组为福彩3D 2026-11-20 开奖号码，第二组为体彩排列5 2026-11-20 开奖号码',
      },
    ],
  });
  const { code } = await revealDraw(database, who, id, [
    {
      kind: 'values',
      groups: [
        [3, 9, 1],
        [2, 7, 4, 0, 8],
      ],
    },
  ]);
  return code;
}
