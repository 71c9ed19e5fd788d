// Plans (年度抽查工作计划): drafted, filed (备案), published; after filing a plan changes only by a
// recorded, reasoned amendment. Every change is audited in the same transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit } from '../audit/repo.ts';
import { type CurrentUser, regionPrefix } from '../auth/access.ts';
import {
  findItems,
  findPlanRow,
  type ItemRow,
  orgsByIds,
  type PlanRow,
  planAmendments,
  planBatches,
  planItems,
} from './repo.ts';
import { planProblem, type Ratios, type Scope } from './rules.ts';

export interface PlanInput {
  year: number;
  orgId: string;
  name: string;
  kind: 'single' | 'joint';
  cooperatingOrgIds: string[];
  directed: boolean;
  scope: Scope;
  ratios: Ratios;
  alternatesBp: number;
  byDistrict: boolean;
  teamSize: number;
  crossOffice: boolean;
  excludeRecentMonths: number;
  workloadCap: number | null;
  startsOn: string;
  endsOn: string;
  items: { itemId: string; orgId?: string }[];
  /** Batches (批次); none means one batch over the plan's dates. */
  batches: { name: string; startsOn: string; endsOn: string }[];
}

export const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.username });

/** Whoever acts: a signed-in user, or the system (CLI, jobs) with orgPath '/'. */
export type Scoped = Pick<CurrentUser, 'orgPath'>;

const inSubtree = (path: string, user: Scoped) => path.startsWith(user.orgPath);

/** The departments of a plan in their documented order: the owner (牵头部门) first, then cooperating ones as listed. */
export const departmentIds = (plan: { org_id: string; cooperating_org_ids: string[] }) => [
  plan.org_id,
  ...plan.cooperating_org_ids,
];

/** The plan as its editor sees it (also the before/after of amendments). */
export async function planView(db: Kysely<DB>, plan: PlanRow) {
  const [items, batches, orgs] = await Promise.all([
    planItems(db, plan.id),
    planBatches(db, plan.id),
    orgsByIds(db, departmentIds(plan)),
  ]);
  const name = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    id: plan.id,
    code: plan.code,
    year: plan.year,
    orgId: plan.org_id,
    orgName: plan.org_name,
    regionCode: plan.region_code,
    name: plan.name,
    kind: plan.kind,
    cooperatingOrgIds: plan.cooperating_org_ids,
    departments: departmentIds(plan).map((id) => ({ id, name: name.get(id) ?? id })),
    status: plan.status,
    directed: plan.directed,
    scope: plan.scope as Scope,
    ratios: plan.ratios as Ratios,
    alternatesBp: plan.alternates_bp,
    byDistrict: plan.by_district,
    teamSize: plan.team_size,
    crossOffice: plan.cross_office,
    excludeRecentMonths: plan.exclude_recent_months,
    workloadCap: plan.workload_cap,
    startsOn: plan.starts_on,
    endsOn: plan.ends_on,
    filedAt: plan.filed_at,
    publishedAt: plan.published_at,
    createdAt: plan.created_at,
    items: items.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      itemType: i.item_type,
      ratioBp: i.ratio_bp,
      requiredQualification: i.required_qualification,
      orgId: i.org_id,
      orgName: i.org_name,
    })),
    batches: batches.map((b) => ({
      id: b.id,
      seq: b.seq,
      name: b.name,
      startsOn: b.starts_on,
      endsOn: b.ends_on,
      draw: b.draw_id ? { id: b.draw_id, code: b.draw_code, status: b.draw_status } : null,
    })),
  };
}

export type PlanView = Awaited<ReturnType<typeof planView>>;

/** The editable content of a plan, compared field by field for amendments. */
function contentOf(view: PlanView) {
  return {
    year: view.year,
    name: view.name,
    kind: view.kind,
    cooperatingOrgIds: view.cooperatingOrgIds,
    directed: view.directed,
    scope: view.scope,
    ratios: view.ratios,
    alternatesBp: view.alternatesBp,
    byDistrict: view.byDistrict,
    teamSize: view.teamSize,
    crossOffice: view.crossOffice,
    excludeRecentMonths: view.excludeRecentMonths,
    workloadCap: view.workloadCap,
    startsOn: view.startsOn,
    endsOn: view.endsOn,
    items: view.items.map((i) => ({ itemId: i.id, orgId: i.orgId })),
    batches: view.batches.map((b) => ({ name: b.name, startsOn: b.startsOn, endsOn: b.endsOn })),
  };
}

/** Reads a plan the user may see (owner or cooperating department in scope). */
export async function readablePlan(db: Kysely<DB>, user: Scoped, id: string): Promise<PlanRow> {
  const plan = await findPlanRow(db, id);
  if (!plan) throw notFound('抽查计划', 'Plan');
  if (inSubtree(plan.org_path, user)) return plan;
  const partners = await orgsByIds(db, plan.cooperating_org_ids);
  if (partners.some((o) => inSubtree(o.path, user))) return plan;
  throw forbidden();
}

/** Reads a plan the user may change: its owning department is in the user's scope. */
export async function ownedPlan(db: Kysely<DB>, user: Scoped, id: string): Promise<PlanRow> {
  const plan = await readablePlan(db, user, id);
  if (!inSubtree(plan.org_path, user)) throw forbidden();
  return plan;
}

export async function getPlan(database: Database, user: CurrentUser, id: string) {
  const plan = await readablePlan(database.db, user, id);
  return planView(database.db, plan);
}

export async function getAmendments(database: Database, user: CurrentUser, id: string) {
  await readablePlan(database.db, user, id);
  return planAmendments(database.db, id);
}

interface Resolved {
  org: { id: string; region_code: string; level: 'city' | 'district' | 'street' };
  items: (ItemRow & { orgId: string })[];
  batches: PlanInput['batches'];
}

/** Checks the departments, items and rules of an input; everything a save needs. */
async function resolve(db: Kysely<DB>, user: CurrentUser, input: PlanInput): Promise<Resolved> {
  const departments = [input.orgId, ...input.cooperatingOrgIds];
  const orgs = new Map((await orgsByIds(db, departments)).map((o) => [o.id, o]));
  const org = orgs.get(input.orgId);
  if (org?.kind !== 'department' || !inSubtree(org.path, user))
    throw invalid(
      'orgId',
      '编制部门不存在、不是部门或不在您的管理范围内',
      'The owning department is unknown, not a department, or outside your scope',
    );
  for (const id of input.cooperatingOrgIds) {
    if (orgs.get(id)?.kind !== 'department')
      throw invalid('cooperatingOrgIds', '配合部门须为部门', 'Cooperating organisations must be departments');
  }
  const found = new Map(
    (
      await findItems(
        db,
        input.items.map((i) => i.itemId),
      )
    ).map((i) => [i.id, i]),
  );
  const items = input.items.map((ref, n) => {
    const item = found.get(ref.itemId);
    if (!item) throw invalid(`items.${n}`, '检查事项不存在', 'Unknown inspection item');
    // The department that inspects the item: as given, else its owner when part of the plan, else the lead.
    const orgId =
      ref.orgId ??
      (item.owner_org_id && departments.includes(item.owner_org_id) ? item.owner_org_id : input.orgId);
    if (!departments.includes(orgId))
      throw invalid(
        `items.${n}.orgId`,
        '检查事项的实施部门须为计划的牵头或配合部门',
        "An item's department must be one of the plan's departments",
      );
    return { ...item, orgId };
  });
  if (new Set(items.map((i) => i.id)).size !== items.length)
    throw invalid('items', '检查事项重复', 'An item is listed twice');
  const batches = input.batches.length
    ? input.batches
    : [{ name: '第一批', startsOn: input.startsOn, endsOn: input.endsOn }];
  const problem = planProblem({
    kind: input.kind,
    orgId: input.orgId,
    regionPrefix: regionPrefix(org.region_code, org.level),
    cooperatingOrgIds: input.cooperatingOrgIds,
    directed: input.directed,
    scope: input.scope,
    ratios: input.ratios,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    items,
    batches,
  });
  if (problem) throw invalid(problem.field, problem.zh, problem.en);
  return { org, items, batches };
}

function planValues(input: PlanInput, resolved: Resolved) {
  return {
    year: input.year,
    org_id: input.orgId,
    region_code: resolved.org.region_code,
    name: input.name,
    kind: input.kind,
    cooperating_org_ids: input.cooperatingOrgIds,
    directed: input.directed,
    scope: JSON.stringify(input.scope),
    ratios: JSON.stringify(input.ratios),
    alternates_bp: input.alternatesBp,
    by_district: input.byDistrict,
    team_size: input.teamSize,
    cross_office: input.crossOffice,
    exclude_recent_months: input.excludeRecentMonths,
    workload_cap: input.workloadCap,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
}

/** Replaces the items and brings the batches to the input's list (drawn batches keep their identity). */
async function writeChildren(db: Kysely<DB>, planId: string, resolved: Resolved) {
  await db.deleteFrom('plan_item').where('plan_id', '=', planId).execute();
  if (resolved.items.length) {
    await db
      .insertInto('plan_item')
      .values(
        resolved.items.map((i, position) => ({ plan_id: planId, item_id: i.id, org_id: i.orgId, position })),
      )
      .execute();
  }
  const existing = await db
    .selectFrom('plan_batch')
    .select(['id', 'seq'])
    .where('plan_id', '=', planId)
    .execute();
  const drawn = new Set(
    (await db.selectFrom('draw').select('batch_id').where('plan_id', '=', planId).execute()).map(
      (d) => d.batch_id,
    ),
  );
  for (const batch of existing) {
    if (batch.seq > resolved.batches.length) {
      if (drawn.has(batch.id))
        throw conflict(
          `第 ${batch.seq} 批次已有抽取记录，不能删除`,
          `Batch ${batch.seq} has draws and cannot be removed`,
          'batches',
        );
      await db.deleteFrom('plan_batch').where('id', '=', batch.id).execute();
    }
  }
  for (const [i, b] of resolved.batches.entries()) {
    const values = { name: b.name, starts_on: b.startsOn, ends_on: b.endsOn };
    const current = existing.find((e) => e.seq === i + 1);
    if (current) await db.updateTable('plan_batch').set(values).where('id', '=', current.id).execute();
    else
      await db
        .insertInto('plan_batch')
        .values({ ...values, plan_id: planId, seq: i + 1 })
        .execute();
  }
}

export async function createPlan(database: Database, user: CurrentUser, input: PlanInput) {
  const resolved = await resolve(database.db, user, input);
  return database.transaction(async ({ db }) => {
    const { id, code } = await db
      .insertInto('plan')
      .values({ ...planValues(input, resolved), created_by: user.id })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
    await writeChildren(db, id, resolved);
    await appendAudit(db, actorOf(user), {
      action: 'plan.created',
      subjectType: 'plan',
      subjectId: id,
      orgId: input.orgId,
      after: { code, name: input.name, year: input.year, kind: input.kind },
    });
    return { id, code };
  });
}

function keepOwner(plan: PlanRow, input: PlanInput) {
  if (input.orgId !== plan.org_id)
    throw invalid('orgId', '不能更改计划的编制部门', "A plan's owning department cannot change");
}

export async function updateDraft(database: Database, user: CurrentUser, id: string, input: PlanInput) {
  const plan = await ownedPlan(database.db, user, id);
  if (plan.status !== 'draft')
    throw conflict(
      '已备案或已公示的计划只能通过变更记录修改',
      'A filed or published plan changes only by an amendment',
    );
  keepOwner(plan, input);
  const resolved = await resolve(database.db, user, input);
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('plan')
      .set({ ...planValues(input, resolved), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeChildren(db, id, resolved);
    await appendAudit(db, actorOf(user), {
      action: 'plan.updated',
      subjectType: 'plan',
      subjectId: id,
      orgId: plan.org_id,
      after: { name: input.name },
    });
  });
}

const STEPS = {
  file: { from: 'draft', to: 'filed', at: 'filed_at', zh: '备案', en: 'file' },
  publish: { from: 'filed', to: 'published', at: 'published_at', zh: '公示', en: 'publish' },
} as const;

/** 备案 (draft → filed) or 公示 (filed → published). */
export async function advancePlan(
  database: Database,
  user: CurrentUser,
  id: string,
  step: keyof typeof STEPS,
) {
  const plan = await ownedPlan(database.db, user, id);
  const { from, to, at, zh, en } = STEPS[step];
  if (plan.status !== from)
    throw conflict(
      `只有${from === 'draft' ? '草稿' : '已备案'}计划可以${zh}`,
      `Only a ${from} plan can be ${en}ed`,
    );
  await database.transaction(async ({ db }) => {
    const updated = await db
      .updateTable('plan')
      .set({ status: to, [at]: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('计划状态已变化', 'The plan changed meanwhile');
    await appendAudit(db, actorOf(user), {
      action: `plan.${to}`,
      subjectType: 'plan',
      subjectId: id,
      orgId: plan.org_id,
      after: { status: to },
    });
  });
}

/** A recorded, reasoned change to a filed or published plan: the changed fields before and after. */
export async function amendPlan(
  database: Database,
  user: CurrentUser,
  id: string,
  { reason, plan: input }: { reason: string; plan: PlanInput },
) {
  const plan = await ownedPlan(database.db, user, id);
  if (plan.status === 'draft')
    throw conflict('草稿计划可直接修改，无需变更记录', 'A draft is edited directly, without an amendment');
  keepOwner(plan, input);
  if (!reason.trim()) throw invalid('reason', '请填写变更理由', 'Give the reason for the amendment');
  const resolved = await resolve(database.db, user, input);
  return database.transaction(async ({ db }) => {
    // Serialise amendments of one plan so their sequence numbers never collide.
    await db.selectFrom('plan').select('id').where('id', '=', id).forUpdate().execute();
    const beforeAll = contentOf(await planView(db, plan));
    await db
      .updateTable('plan')
      .set({ ...planValues(input, resolved), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeChildren(db, id, resolved);
    const afterAll = contentOf(await planView(db, (await findPlanRow(db, id))!));
    const changed = (Object.keys(afterAll) as (keyof typeof afterAll)[]).filter(
      (k) => JSON.stringify(beforeAll[k]) !== JSON.stringify(afterAll[k]),
    );
    if (changed.length === 0) throw invalid('plan', '没有任何修改', 'Nothing was changed');
    const pick = (content: typeof afterAll) => Object.fromEntries(changed.map((k) => [k, content[k]]));
    const before = pick(beforeAll);
    const after = pick(afterAll);
    const last = await db
      .selectFrom('plan_amendment')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('plan_id', '=', id)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const { id: amendmentId } = await db
      .insertInto('plan_amendment')
      .values({
        plan_id: id,
        seq,
        reason: reason.trim(),
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(user), {
      action: 'plan.amended',
      subjectType: 'plan',
      subjectId: id,
      orgId: plan.org_id,
      before,
      after: { ...after, reason: reason.trim(), amendment: seq },
    });
    return { id: amendmentId, seq, changed };
  });
}

/** Refuses anything but a published plan for a draw. */
export function requirePublished(plan: PlanRow) {
  if (plan.status !== 'published')
    throw new DomainError(
      409,
      'plan_not_published',
      '计划公示后才能抽取',
      'A plan is drawn only after it is published',
    );
}
