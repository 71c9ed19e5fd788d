// A draw, step by step (DRAW-SPEC §1–5): freeze the frame and the roster and publish the commitment;
// reveal the declared sources; draw the businesses and the teams and create the tasks. Each step is
// one transaction holding the plan's advisory lock, so two server instances never draw a plan twice,
// and each appends to the audit chain. Nothing published is ever rewritten (see the triggers of 0003).
import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { sha256Node } from '../../core/draw/hash-node.ts';
import {
  type Commitment,
  canonicalJson,
  commitmentDigest,
  computeSeed,
  drawObjects,
  fromHex,
  type Reveal,
  revealBytes,
  type Source,
  SPEC,
  type StratumResult,
  sampleSize,
  TeamDrawer,
  toHex,
} from '../../core/draw/index.ts';
import { sourceMismatches } from '../../core/draw/reveal.ts';
import type { Database, Tx } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit } from '../audit/repo.ts';
import { type CurrentUser, regionPrefix } from '../auth/access.ts';
import { latestSnapshot } from '../credit/repo.ts';
import { orgsByIds, planItems } from '../plans/repo.ts';
import { type Ratios, ratioOf, type Scope } from '../plans/rules.ts';
import {
  actorOf,
  departmentIds,
  ownedPlan,
  readablePlan,
  requirePublished,
  type Scoped,
} from '../plans/service.ts';
import { beaconIsValid, DRAND_CHAINS, drandRoundTime, parseBeacon, verifyDrand } from './drand.ts';
import {
  compress,
  decompress,
  exclusionRule,
  type FrameQuery,
  frameDigestOf,
  freezeFrame,
  idsOf,
  previewFrame,
} from './frame.ts';
import {
  buildRoster,
  Eligibility,
  type Roster,
  rosterText,
  setsByKey,
  type TaskEntity,
  toBitset,
} from './roster.ts';

export type Mark = (stage: string) => void;

/** Who acts: a user (scope = their organisation subtree) or the system (CLI, jobs: orgPath '/'). */
export interface Operator extends Scoped {
  actor: Actor;
  userId: string | null;
}

export const operatorOf = (user: CurrentUser): Operator => ({
  actor: actorOf(user),
  userId: user.id,
  orgPath: user.orgPath,
});

// Advisory-lock namespace of draws; the plan's id is hashed into the second key.
const DRAW_LOCK = 7_261_003;

/** Takes the plan's draw lock for the transaction, or refuses at once: another instance is drawing it. */
export async function lockPlan(db: Kysely<DB>, planId: string): Promise<void> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(${DRAW_LOCK}, hashtext(${planId})) as locked`.execute(db);
  if (!rows[0].locked)
    throw new DomainError(
      409,
      'draw_locked',
      '该计划正在由另一实例抽取，请稍后刷新查看结果',
      'Another server instance is drawing this plan: reload in a moment to see the result',
    );
}

/** The published parameters of a draw: everything a reader needs to know which rules were applied. */
export interface DrawParameters {
  plan: { id: string; code: string; name: string; year: number; kind: 'single' | 'joint' };
  batch: { id: string; seq: number; name: string; starts_on: string; ends_on: string };
  /** The owning department first, then the cooperating ones as the plan lists them (kit team order). */
  departments: { id: string; code: string; name: string }[];
  items: {
    id: string;
    code: string;
    name: string;
    item_type: 'general' | 'key';
    required_qualification: string | null;
    org_id: string;
  }[];
  frame: {
    region_prefix: string;
    directed: boolean;
    scope: Scope;
    by_district: boolean;
    exclusion: ReturnType<typeof exclusionRule> & { excluded: number };
    rule: { zh: string; en: string };
  };
  /** The full credit classification the strata's classes come from (null before the first). */
  credit_snapshot: { id: string; finished_at: string } | null;
  ratios: Ratios;
  alternates_bp: number;
  teams: {
    team_size: number;
    cross_office: boolean;
    workload_cap: number | null;
    valid_through: string;
    rule: { zh: string; en: string };
  };
}

export type SourceInput =
  | { kind: 'values'; description: string }
  | { kind: 'drand'; chain: string; round: number }
  | { kind: 'secret'; sha256: string };

export type RevealInput =
  | { kind: 'values'; groups: number[][] }
  | { kind: 'drand'; beacon: unknown }
  | { kind: 'secret'; secretHex: string };

const FRAME_RULE = {
  zh: '存续、在名录库中、位于计划部门辖区并符合计划范围的市场主体；按信用风险分类分层（A、B、C、D，未分类为 U）',
  en: 'Active businesses in the directory, in the department’s area and the plan’s scope; strata by credit class (A, B, C, D; U = not classified)',
};
const TEAM_RULE = {
  zh: '在岗；执法证有效期至计划结束日；属本部门（联合计划各部门分别抽取，牵头部门在前）；具备事项要求的资质（牵头部门另需主体专项库要求的资质）；异地交叉时不含主体所在街道所的人员；无申报回避；不含该主体上一次的检查人员；未超过工作量上限',
  en: 'On duty; certificate valid through the plan’s end; of the department (joint plans: one team per department, lead first); holding the qualifications of its items (the lead department also those of the business’s special libraries); in cross-office mode not from the business’s own office; no declared conflict; not on the business’s previous team; under the workload cap',
};

function checkSources(sources: SourceInput[], now: Date): Source[] {
  if (sources.length === 0) throw invalid('sources', '至少声明一个随机源', 'Declare at least one source');
  if (!sources.some((s) => s.kind !== 'secret'))
    throw invalid(
      'sources',
      '组织方秘密只能与公开随机源（drand 或公开号码）一起使用',
      "An organiser's secret may only be used together with a public source",
    );
  return sources.map((s, i): Source => {
    switch (s.kind) {
      case 'values':
        if (!s.description.trim())
          throw invalid(
            `sources.${i}.description`,
            '请说明将采用哪些公开号码',
            'Describe the published numbers',
          );
        return { kind: 'values', description: s.description.trim() };
      case 'drand': {
        const chain = DRAND_CHAINS.get(s.chain);
        if (!chain) throw invalid(`sources.${i}.chain`, '不支持的 drand 链', 'Unknown drand chain');
        if (drandRoundTime(chain, s.round) <= now.getTime())
          throw invalid(
            `sources.${i}.round`,
            `drand 第 ${s.round} 轮已经产生，请选择承诺公布之后的轮次`,
            `drand round ${s.round} is already out: choose a round after the commitment`,
          );
        return { kind: 'drand', chain: s.chain, round: s.round };
      }
      case 'secret':
        if (!/^[0-9a-f]{64}$/i.test(s.sha256))
          throw invalid(
            `sources.${i}.sha256`,
            '秘密的 SHA-256 须为 64 位十六进制',
            'The SHA-256 must be 64 hex digits',
          );
        return { kind: 'secret', sha256: s.sha256.toLowerCase() };
      default:
        throw invalid(`sources.${i}`, '未知的随机源', 'Unknown source');
    }
  });
}

async function frameQueryOf(db: Kysely<DB>, plan: Awaited<ReturnType<typeof ownedPlan>>, at: Date) {
  const items = await planItems(db, plan.id);
  const query: FrameQuery = {
    regionPrefix: regionPrefix(plan.region_code, plan.org_level),
    scope: plan.scope as Scope,
    itemIds: items.map((i) => i.id),
    excludeRecentMonths: plan.exclude_recent_months,
    at,
    byDistrict: plan.by_district,
  };
  return { items, query };
}

/** sample = ceil(size × ratio of the stratum) and alternates = ceil(sample × alternates ratio), per stratum (§1.2). */
export function strataSpecs(
  plan: { ratios: unknown; alternates_bp: number },
  strata: { label: string; stratum: string; size: number }[],
) {
  return strata.map(({ label, stratum, size }) => {
    const sample = sampleSize(size, ratioOf(plan.ratios as Ratios, stratum as 'A'));
    return { label, size, sample, alternates: sampleSize(sample, plan.alternates_bp) };
  });
}

async function batchOf(db: Kysely<DB>, planId: string, batchId: string) {
  const batch = await db
    .selectFrom('plan_batch')
    .selectAll()
    .where('id', '=', batchId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!batch) throw notFound('批次', 'Batch');
  return batch;
}

/** The frame a draw would freeze now: counts and sample sizes per stratum (nothing is stored). */
export async function previewDraw(database: Database, who: Scoped, planId: string, batchId: string) {
  const plan = await readablePlan(database.db, who, planId);
  await batchOf(database.db, planId, batchId);
  const { query } = await frameQueryOf(database.db, plan, new Date());
  const strata = await previewFrame(database.db, query);
  const planned = strataSpecs(plan, strata);
  return {
    strata: strata.map((s, h) => ({ ...planned[h], excluded: s.excluded })),
    exclusion: exclusionRule(query),
  };
}

/**
 * Freezes the frame and the roster, computes the sample sizes and publishes the commitment (§1). A
 * batch has one live draw; a new one replaces an abandoned draw and is linked to it.
 */
export async function commitDraw(
  database: Database,
  who: Operator,
  planId: string,
  { batchId, sources }: { batchId: string; sources: SourceInput[] },
  mark: Mark = () => {},
) {
  const plan = await ownedPlan(database.db, who, planId);
  requirePublished(plan);
  const batch = await batchOf(database.db, planId, batchId);
  const declared = checkSources(sources, new Date());

  return database.transaction(async (tx) => {
    const { db } = tx;
    await lockPlan(db, planId);
    const previous = await db
      .selectFrom('draw')
      .select(['id', 'code', 'status', 'replaced_by'])
      .where('batch_id', '=', batchId)
      .orderBy('committed_at', 'desc')
      .execute();
    const live = previous.find((d) => d.status !== 'abandoned');
    if (live)
      throw conflict(
        `该批次已有抽取 ${live.code}；如需重新抽取，须先作废并说明理由`,
        `This batch was drawn (${live.code}); to draw again, abandon it first with the reason`,
      );
    const replaces = previous.find((d) => d.replaced_by === null) ?? null;

    const frozenAt = new Date();
    const { items, query } = await frameQueryOf(db, plan, frozenAt);
    const { strata, excluded } = await freezeFrame(db, query);
    mark('frame frozen');
    const departments = await orgsByIds(db, departmentIds(plan));
    const orderedDepartments = departmentIds(plan).map((id) => departments.find((o) => o.id === id)!);
    const roster = await buildRoster(db, departmentIds(plan), plan.ends_on);
    const rosterJson = rosterText(roster);
    mark('roster frozen');

    const { rows } = await sql<{ n: number }>`select nextval('draw_code_seq')::int as n`.execute(db);
    const code = `D${plan.year}-${String(rows[0].n).padStart(6, '0')}`;
    const commitment: Commitment = {
      spec: SPEC,
      draw_id: code,
      frame_digest: frameDigestOf(strata),
      strata: strataSpecs(plan, strata),
      sources: declared,
      team_size: plan.team_size,
      roster_digest: createHash('sha256').update(rosterJson).digest('hex'),
    };
    const digest = toHex(await commitmentDigest(sha256Node, commitment));
    const snapshot = await latestSnapshot(db);
    const parameters: DrawParameters = {
      plan: { id: plan.id, code: plan.code, name: plan.name, year: plan.year, kind: plan.kind },
      batch: {
        id: batch.id,
        seq: batch.seq,
        name: batch.name,
        starts_on: batch.starts_on,
        ends_on: batch.ends_on,
      },
      departments: orderedDepartments.map((o) => ({ id: o.id, code: o.code, name: o.name })),
      items: items.map((i) => ({
        id: i.id,
        code: i.code,
        name: i.name,
        item_type: i.item_type,
        required_qualification: i.required_qualification,
        org_id: i.org_id,
      })),
      frame: {
        region_prefix: query.regionPrefix,
        directed: plan.directed,
        scope: query.scope,
        by_district: plan.by_district,
        exclusion: { ...exclusionRule(query), excluded },
        rule: FRAME_RULE,
      },
      // Strata are the current classes: this full classification plus the re-scores since.
      credit_snapshot: snapshot ? { id: snapshot.id, finished_at: snapshot.finished_at.toISOString() } : null,
      ratios: plan.ratios as Ratios,
      alternates_bp: plan.alternates_bp,
      teams: {
        team_size: plan.team_size,
        cross_office: plan.cross_office,
        workload_cap: plan.workload_cap,
        valid_through: plan.ends_on,
        rule: TEAM_RULE,
      },
    };

    const id = randomUUID();
    const auditSeq = await appendAudit(db, who.actor, {
      action: 'draw.committed',
      subjectType: 'draw',
      subjectId: id,
      orgId: plan.org_id,
      after: { code, commitment_digest: digest, commitment, excluded },
    });
    const { at: committedAt } = await db
      .selectFrom('audit_event')
      .select('at')
      .where('seq', '=', auditSeq)
      .executeTakeFirstOrThrow();
    for (const source of declared) {
      // The round must be published after the commitment, or someone could have known it.
      if (
        source.kind === 'drand' &&
        drandRoundTime(DRAND_CHAINS.get(source.chain)!, source.round) <= new Date(committedAt).getTime()
      )
        throw invalid(
          'sources',
          `drand 第 ${source.round} 轮早于承诺公布时间，请选择更晚的轮次`,
          `drand round ${source.round} precedes the commitment: choose a later round`,
        );
    }
    await db
      .insertInto('draw')
      .values({
        id,
        code,
        plan_id: plan.id,
        batch_id: batch.id,
        org_id: plan.org_id,
        region_code: plan.region_code,
        status: 'committed',
        parameters: JSON.stringify(parameters),
        commitment: JSON.stringify(commitment),
        commitment_digest: digest,
        frame_digest: commitment.frame_digest,
        roster_digest: commitment.roster_digest!,
        roster_gz: await compress(rosterJson),
        committed_at: committedAt,
        committed_by: who.userId,
        audit_seq: auditSeq,
        replaces_id: replaces?.id ?? null,
        credit_snapshot_id: snapshot?.id ?? null,
      })
      .execute();
    const compressed = await Promise.all(strata.map((s) => compress(s.text)));
    for (const [h, s] of strata.entries()) {
      await db
        .insertInto('draw_frame')
        .values({ draw_id: id, h, label: s.label, size: s.size, text_gz: compressed[h] })
        .execute();
    }
    if (replaces)
      await db.updateTable('draw').set({ replaced_by: id }).where('id', '=', replaces.id).execute();
    mark('commitment published');
    return { id, code, commitment, commitmentDigest: digest, committedAt };
  });
}

/** A draw the operator may act on (its plan's owning department is in scope), locked for the transaction. */
async function lockedDraw(db: Kysely<DB>, who: Scoped, drawId: string) {
  const draw = await db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirst();
  if (!draw) throw notFound('抽取', 'Draw');
  await ownedPlan(db, who, draw.plan_id);
  await lockPlan(db, draw.plan_id);
  return db.selectFrom('draw').selectAll().where('id', '=', drawId).forUpdate().executeTakeFirstOrThrow();
}

export type DrawRow = Awaited<ReturnType<typeof lockedDraw>>;

/** Checks what the operator entered against the declared sources and turns it into the kit's reveal (§2). */
export async function checkReveal(
  commitment: Commitment,
  committedAt: Date,
  inputs: RevealInput[],
): Promise<Reveal[]> {
  const { sources } = commitment;
  if (inputs.length !== sources.length || inputs.some((r, i) => r.kind !== sources[i].kind))
    throw invalid(
      'reveal',
      '须按承诺中声明的顺序为每个随机源给出公开值',
      'Give one value per declared source, of the same kind, in order',
    );
  const reveal: Reveal[] = [];
  for (const [i, input] of inputs.entries()) {
    const source = sources[i];
    const field = `reveal.${i}`;
    if (input.kind === 'values') {
      if (input.groups.length === 0 || input.groups.some((g) => g.length === 0))
        throw invalid(field, '每组至少一个号码', 'Each group needs at least one number');
      reveal.push({ kind: 'values', groups: input.groups.map((g) => [...g]) });
    } else if (input.kind === 'drand' && source.kind === 'drand') {
      const beacon = parseBeacon(input.beacon);
      if (!beacon)
        throw invalid(
          field,
          '无法读取 drand 信标（需含 round、randomness、signature）',
          'Unreadable drand beacon (round, randomness, signature)',
        );
      if (beacon.round !== source.round)
        throw invalid(
          field,
          `信标为第 ${beacon.round} 轮，承诺的是第 ${source.round} 轮`,
          `The beacon is round ${beacon.round}; round ${source.round} was committed`,
        );
      if (drandRoundTime(DRAND_CHAINS.get(source.chain)!, beacon.round) <= committedAt.getTime())
        throw invalid(field, '该轮次早于承诺时间', 'The round precedes the commitment');
      if (!(await beaconIsValid(source.chain, beacon, source.round)))
        throw invalid(
          field,
          'drand 信标签名无效：不是该链该轮次的真实信标',
          'Invalid drand signature: not the genuine beacon of that round',
        );
      reveal.push({ kind: 'drand', ...beacon });
    } else if (input.kind === 'secret') {
      if (!/^([0-9a-f]{2})+$/i.test(input.secretHex))
        throw invalid(field, '秘密须为十六进制', 'The secret must be hex');
      reveal.push({ kind: 'secret', secret_hex: input.secretHex.toLowerCase() });
    }
    const problems = await sourceMismatches(sha256Node, source, reveal[i], verifyDrand);
    if (problems.length)
      throw invalid(
        field,
        `公开值与承诺不符：${problems.join('；')}`,
        `The value does not match the commitment: ${problems.join('; ')}`,
      );
  }
  return reveal;
}

/** Reveals the sources and computes the seed (§2), then draws everything (§4–5). */
export async function revealDraw(
  database: Database,
  who: Operator,
  drawId: string,
  inputs: RevealInput[],
  mark: Mark = () => {},
) {
  await database.transaction(async ({ db }) => {
    const draw = await lockedDraw(db, who, drawId);
    if (draw.status !== 'committed')
      throw conflict(
        `抽取 ${draw.code} 已揭示或已作废`,
        `Draw ${draw.code} is already revealed or abandoned`,
      );
    const commitment = draw.commitment as Commitment;
    const reveal = await checkReveal(commitment, new Date(draw.committed_at), inputs);
    const seed = await computeSeed(sha256Node, fromHex(draw.commitment_digest), reveal.map(revealBytes));
    await db
      .updateTable('draw')
      .set({
        status: 'revealed',
        reveal: JSON.stringify(reveal),
        seed_hex: toHex(seed),
        revealed_at: new Date(),
      })
      .where('id', '=', drawId)
      .execute();
    await appendAudit(db, who.actor, {
      action: 'draw.revealed',
      subjectType: 'draw',
      subjectId: drawId,
      orgId: draw.org_id,
      after: { code: draw.code, reveal, seed_hex: toHex(seed) },
    });
  });
  mark('revealed');
  return completeDraw(database, who, drawId, mark);
}

/** The frozen frame of a draw, stratum by stratum. */
export async function loadFrame(db: Kysely<DB>, drawId: string) {
  const rows = await db
    .selectFrom('draw_frame')
    .select(['h', 'label', 'size', 'text_gz'])
    .where('draw_id', '=', drawId)
    .orderBy('h')
    .execute();
  return Promise.all(rows.map(async (r) => ({ label: r.label, ids: idsOf(await decompress(r.text_gz)) })));
}

export async function loadRoster(draw: { roster_gz: Uint8Array }): Promise<Roster> {
  return JSON.parse(await decompress(draw.roster_gz));
}

/** The team rules frozen with a draw, over its frozen roster. */
export function eligibilityOf(parameters: DrawParameters, roster: Roster): Eligibility {
  return new Eligibility(roster, {
    teamSize: parameters.teams.team_size,
    crossOffice: parameters.teams.cross_office,
    workloadCap: parameters.teams.workload_cap,
    itemQualifications: parameters.departments.map((d) => [
      ...new Set(
        parameters.items
          .filter((i) => i.org_id === d.id && i.required_qualification)
          .map((i) => i.required_qualification!),
      ),
    ]),
  });
}

/** Previous team (members still on it) of each business's latest earlier task, by entity id. */
export async function previousTeams(db: Kysely<DB>, entityIds: string[], drawId: string) {
  if (entityIds.length === 0) return new Map<string, Set<string>>();
  const { rows } = await sql<{ entity_id: string; cert_no: string }>`
    select last.entity_id, i.cert_no
    from (
      select distinct on (t.entity_id) t.entity_id, t.id
      from task t
      where t.entity_id = any(${entityIds}::uuid[]) and t.status <> 'cancelled'
        and t.draw_id is distinct from ${drawId}::uuid
        and exists (select 1 from task_member m where m.task_id = t.id)
      order by t.entity_id, t.created_at desc
    ) last
    join task_member m on m.task_id = last.id and m.removed_by is null
    join inspector i on i.id = m.inspector_id`.execute(db);
  return setsByKey(rows.map((r) => [r.entity_id, r.cert_no]));
}

export interface EntityFacts {
  id: string;
  identifier: string;
  region_code: string;
  tags: string[];
}

export async function entitiesByIdentifier(db: Kysely<DB>, identifiers: string[]) {
  if (identifiers.length === 0) return new Map<string, EntityFacts>();
  const { rows } = await sql<EntityFacts>`
    select id, identifier, region_code, tags from entity where identifier = any(${identifiers}::text[])`.execute(
    db,
  );
  return new Map(rows.map((r) => [r.identifier, r]));
}

export async function inspectorIds(db: Kysely<DB>, certNos: string[]) {
  if (certNos.length === 0) return new Map<string, string>();
  const { rows } = await sql<{ id: string; cert_no: string }>`
    select id, cert_no from inspector where cert_no = any(${certNos}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.cert_no, r.id]));
}

export interface TeamOutcome {
  /** One entry per department of the plan, in roster order. */
  /** Eligible roster positions as a bitset (see toBitset) and how many there are. */
  departments: { d: number; eligible: Uint8Array; count: number; team: string[] | null }[];
  assigned: boolean;
}

/**
 * Draws the team of each task in canonical order from the one `inspectors` stream (§5); a department
 * with fewer than team_size eligible inspectors leaves the task unassigned, consuming nothing.
 */
export async function drawAllTeams(
  seed: Uint8Array,
  eligibility: Eligibility,
  tasks: TaskEntity[],
): Promise<TeamOutcome[]> {
  const drawer = await TeamDrawer.open(sha256Node, seed);
  const { teamSize } = eligibility.rules;
  const outcomes: TeamOutcome[] = [];
  for (const entity of tasks) {
    const departments: TeamOutcome['departments'] = [];
    for (let d = 0; d < eligibility.roster.departments.length; d++) {
      // Eligible lists are subsequences of the roster, checked canonical once (Eligibility).
      const eligible = eligibility.eligible(d, entity);
      const positions = await drawer.positions(eligible.length, teamSize);
      const team = positions
        ? eligibility.ids(
            d,
            positions.map((p) => eligible[p]),
          )
        : null;
      if (team) eligibility.assign(d, team);
      // Kept as a bitset: a city's draw holds tens of millions of eligible positions.
      const bits = toBitset(eligible, eligibility.roster.departments[d].inspectors.length);
      departments.push({ d, eligible: bits, count: eligible.length, team });
    }
    outcomes.push({ departments, assigned: departments.every((x) => x.team !== null) });
  }
  return outcomes;
}

/** Why a task is unassigned, for the public list: the departments short of eligible inspectors. */
export function unassignedReason(
  parameters: DrawParameters,
  outcome: TeamOutcome,
  teamSize: number,
): string | null {
  if (outcome.assigned) return null;
  return outcome.departments
    .filter((x) => x.team === null)
    .map((x) => `${parameters.departments[x.d].name}：符合条件的检查人员 ${x.count} 名，少于 ${teamSize} 名`)
    .join('；');
}

/** Draws the businesses and the teams from the revealed seed and creates the tasks (§4–5). */
export async function completeDraw(
  database: Database,
  who: Operator,
  drawId: string,
  /** Called as each stage ends (the benchmark times them). */
  mark: Mark = () => {},
) {
  return database.transaction(async (tx) => {
    const { db } = tx;
    const draw = await lockedDraw(db, who, drawId);
    if (draw.status !== 'revealed')
      throw conflict(`抽取 ${draw.code} 不在待抽取状态`, `Draw ${draw.code} is not waiting to be drawn`);
    const commitment = draw.commitment as Commitment;
    const parameters = draw.parameters as DrawParameters;
    const seed = fromHex(draw.seed_hex!);
    const frame = await loadFrame(db, drawId);
    mark('frame loaded');
    const strata = await drawObjects(sha256Node, seed, commitment.strata, frame);
    mark('objects drawn');
    const entities = await entitiesByIdentifier(
      db,
      strata.flatMap((s) => [...s.picks, ...s.alternates]),
    );
    const selected = strata.flatMap((s) => s.picks.map((identifier) => entities.get(identifier)!));
    const previous = await previousTeams(
      db,
      selected.map((e) => e.id),
      drawId,
    );
    mark('businesses looked up');
    const eligibility = eligibilityOf(parameters, await loadRoster(draw));
    const outcomes = await drawAllTeams(
      seed,
      eligibility,
      selected.map((e) => ({
        identifier: e.identifier,
        regionCode: e.region_code,
        tags: e.tags,
        previous: previous.get(e.id) ?? new Set(),
      })),
    );
    mark('teams drawn');
    const counts = await writeResult(tx, draw, parameters, strata, entities, outcomes, mark);
    await db
      .updateTable('draw')
      .set({ status: 'completed', completed_at: new Date(), counts: JSON.stringify(counts) })
      .where('id', '=', drawId)
      .execute();
    await appendAudit(db, who.actor, {
      action: 'draw.completed',
      subjectType: 'draw',
      subjectId: drawId,
      orgId: draw.org_id,
      after: {
        code: draw.code,
        counts,
        picks_digest: createHash('sha256').update(canonicalJson(strata)).digest('hex'),
      },
    });
    // A draw adds a hundred thousand rows at once; fresh statistics keep the plans of the next
    // draw's roster and previous-team queries sane before autovacuum gets to it.
    await sql`analyze task, task_member, draw_pick, draw_assignment`.execute(db);
    mark('tasks created');
    return { id: drawId, code: draw.code, counts };
  });
}

async function writeResult(
  { db, copyIn }: Tx,
  draw: DrawRow,
  parameters: DrawParameters,
  strata: StratumResult[],
  entities: Map<string, EntityFacts>,
  outcomes: TeamOutcome[],
  mark: Mark,
) {
  const selected = strata.flatMap((s) => s.picks.map((identifier) => entities.get(identifier)!));
  await copyIn(
    'draw_pick',
    ['draw_id', 'h', 'rank', 'identifier', 'entity_id', 'selected'],
    strata.flatMap((s, h) =>
      [...s.picks, ...s.alternates].map((identifier, rank) => [
        draw.id,
        h,
        rank,
        identifier,
        entities.get(identifier)!.id,
        rank < s.picks.length,
      ]),
    ),
  );
  mark('picks stored');
  const itemIds = parameters.items.map((i) => i.id);
  const taskIds = selected.map(() => randomUUID());
  const teamSize = parameters.teams.team_size;
  await copyIn(
    'task',
    ['id', 'draw_id', 'plan_id', 'entity_id', 'org_id', 'region_code', 'item_ids', 'status', 'status_reason'],
    selected.map((e, t) => [
      taskIds[t],
      draw.id,
      draw.plan_id,
      e.id,
      draw.org_id,
      e.region_code,
      itemIds,
      outcomes[t].assigned ? 'assigned' : 'unassigned',
      unassignedReason(parameters, outcomes[t], teamSize),
    ]),
  );
  mark('tasks stored');
  const certs = [...new Set(outcomes.flatMap((o) => o.departments.flatMap((x) => x.team ?? [])))];
  const inspectors = await inspectorIds(db, certs);
  await copyIn(
    'task_member',
    ['task_id', 'inspector_id', 'org_id', 'position'],
    outcomes.flatMap((o, t) =>
      o.departments.flatMap((x) =>
        (x.team ?? []).map((cert, position) => [
          taskIds[t],
          inspectors.get(cert)!,
          parameters.departments[x.d].id,
          x.d * teamSize + position,
        ]),
      ),
    ),
  );
  mark('members stored');
  await copyIn(
    'draw_assignment',
    ['draw_id', 'seq', 'd', 'identifier', 'task_id', 'eligible', 'team'],
    outcomes.flatMap((o, t) =>
      o.departments.map((x) => [
        draw.id,
        t,
        x.d,
        selected[t].identifier,
        taskIds[t],
        `\\x${Buffer.from(x.eligible.buffer, x.eligible.byteOffset, x.eligible.byteLength).toString('hex')}`,
        x.team ?? [],
      ]),
    ),
  );
  mark('assignments stored');
  const assigned = outcomes.filter((o) => o.assigned).length;
  return {
    frame: (draw.commitment as Commitment).strata.reduce((n, s) => n + s.size, 0),
    selected: selected.length,
    alternates: strata.reduce((n, s) => n + s.alternates.length, 0),
    tasks: selected.length,
    assigned,
    unassigned: selected.length - assigned,
  };
}

/** Abandons a draw, publicly and with its reason; its tasks are cancelled. A new draw may then replace it. */
export async function abandonDraw(database: Database, who: Operator, drawId: string, reason: string) {
  if (!reason.trim()) throw invalid('reason', '请说明作废理由', 'Give the reason');
  await database.transaction(async ({ db }) => {
    const draw = await lockedDraw(db, who, drawId);
    if (draw.status === 'abandoned')
      throw conflict(`抽取 ${draw.code} 已作废`, `Draw ${draw.code} is already abandoned`);
    await db
      .updateTable('draw')
      .set({ status: 'abandoned', abandoned_reason: reason.trim(), abandoned_at: new Date() })
      .where('id', '=', drawId)
      .execute();
    const cancelled = await db
      .updateTable('task')
      .set({ status: 'cancelled', status_reason: `抽取作废：${reason.trim()}`, updated_at: new Date() })
      .where('draw_id', '=', drawId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    await appendAudit(db, who.actor, {
      action: 'draw.abandoned',
      subjectType: 'draw',
      subjectId: drawId,
      orgId: draw.org_id,
      before: { status: draw.status },
      after: { code: draw.code, reason: reason.trim(), tasks_cancelled: Number(cancelled.numUpdatedRows) },
    });
  });
}
