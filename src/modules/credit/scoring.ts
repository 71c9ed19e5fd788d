// The one scoring definition, as SQL generated from a model's rules (repo layer: the only SQL of
// scoring). Every rule parameter is a bound parameter; codes and names never enter the text. A
// full run selects every active business in the directory; an incremental re-score selects the
// same with every source restricted to the given businesses, so both share this text.
//
// Set-based, one pass: events are aggregated per business with one GROUP BY (a FILTER per
// indicator), the D-class businesses per legal representative with another, industry points come
// from the model's lookup table, and each indicator's points are a width_bucket into the band
// edges (or a capped line, or a table). The levels are fenced with OFFSET 0 so that the planner
// does not copy an indicator's expression into every place that reads it.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DirectCondition, Indicator, ModelDefinition } from '../../core/credit/index.ts';
import type { CreditClass, DB } from '../../db/schema.ts';

export interface ScoringModel extends ModelDefinition {
  id: string;
  version: number;
}

/** Every active business in the directory, or only these. */
export type Scope = 'all' | { ids: readonly string[] };

export interface ScoredRow {
  entity_id: string;
  prev_class: CreditClass | null;
  score: number;
  class: CreditClass;
  rule: string | null;
  /** Points (0–100) of each indicator, in the model's order. */
  points: number[];
}

const EVENT_METRICS = new Set([
  'penalties',
  'inspection_problems',
  'complaints',
  'complaint_growth',
  'address_changes',
  'rep_changes',
]);

const join = (parts: RawBuilder<unknown>[], separator = sql`, `) => sql.join(parts, separator);

/** The event aggregate of one indicator, over `credit_event v` grouped by business. */
function eventAggregate(ind: Indicator, asOf: string): RawBuilder<unknown> {
  const r = ind.rule;
  const within = r.windowDays ? sql` and v.occurred_on > ${asOf}::date - ${r.windowDays}::int` : sql``;
  const decay = r.halfLifeDays
    ? sql` * power(0.5, (${asOf}::date - v.occurred_on)::float8 / ${r.halfLifeDays}::float8)`
    : sql``;
  const severity = sql`(${r.severityWeights ?? [1, 1, 1]}::float8[])[greatest(1, least(3, coalesce(v.severity, 1)))]`;
  switch (ind.metric) {
    case 'penalties':
      return sql`sum(${severity}${decay}) filter (where v.kind = 'penalty'${within})`;
    case 'inspection_problems':
      return sql`sum(${severity}${decay}) filter (where v.kind = 'inspection_result' and v.severity >= 1${within})`;
    case 'complaints':
      return sql`count(*) filter (where v.kind = 'complaint'${within})`;
    case 'complaint_growth': {
      const recent = r.recentDays ?? 180;
      return sql`count(*) filter (where v.kind = 'complaint' and v.occurred_on > ${asOf}::date - ${recent}::int)
        - count(*) filter (where v.kind = 'complaint' and v.occurred_on > ${asOf}::date - ${2 * recent}::int
                             and v.occurred_on <= ${asOf}::date - ${recent}::int)`;
    }
    case 'address_changes':
      return sql`count(*) filter (where v.kind = 'registration_change' and v.subject = 'address'${within})`;
    case 'rep_changes':
      return sql`count(*) filter (where v.kind = 'registration_change' and v.subject = 'legal_rep'${within})`;
    default:
      throw new Error(`not an event metric: ${ind.metric}`);
  }
}

/** The value an indicator scores, over the joined sources (e, a, r, k<i>). */
function metricValue(ind: Indicator, i: number, asOf: string): RawBuilder<unknown> {
  if (EVENT_METRICS.has(ind.metric)) return sql`coalesce(${sql.ref(`a.a${i}`)}, 0)`;
  switch (ind.metric) {
    case 'age_years':
      return sql`(${asOf}::date - e.registered_on)::float8 / 365.25`;
    case 'kind':
      return sql`e.kind`;
    case 'industry':
      return sql`e.industry_code`;
    case 'abnormal_listed':
      return sql`case when e.abnormal_listed then 1 else 0 end`;
    case 'related_d':
      return sql`coalesce(r.n, 0) - case when e.credit_class = 'D' and r.n is not null then 1 else 0 end`;
    default:
      throw new Error(`unknown metric: ${ind.metric}`);
  }
}

/** Points (0–100) of an indicator's value `v<i>`; an unknown value scores 0 (or `otherwise`). */
function pointsOf(ind: Indicator, i: number): RawBuilder<unknown> {
  const v = sql.ref(`v${i}`);
  const s = ind.rule.score;
  switch (s.kind) {
    case 'bands':
      return sql`coalesce((${s.points}::int[])[width_bucket(${v}::float8, ${s.edges}::float8[]) + 1], 0)`;
    case 'linear':
      return sql`coalesce(least(${s.cap}::int, floor(${v}::float8 * ${s.per}::float8 + 0.5)::int), 0)`;
    case 'match': {
      const keys = Object.keys(s.points);
      return sql`coalesce((${keys.map((k) => s.points[k])}::int[])[array_position(${keys}::text[], ${v}::text)], ${s.otherwise}::int)`;
    }
    case 'prefix':
      return sql`coalesce(${sql.ref(`lk${i}`)}::int, ${s.otherwise}::int)`;
  }
}

const DIRECT_SQL: Record<DirectCondition, RawBuilder<unknown>> = {
  serious_listed: sql`e.serious_listed`,
  abnormal_listed: sql`e.abnormal_listed`,
  no_data: sql`(e.registered_on is null and a.entity_id is null)`,
};

/** Events older than every window of the model never count, so they are not even read. */
function eventHorizon(model: ModelDefinition): number {
  let days = 1;
  for (const ind of model.indicators) {
    if (!EVENT_METRICS.has(ind.metric)) continue;
    const r = ind.rule;
    days = Math.max(days, r.windowDays ?? (r.recentDays ? 2 * r.recentDays : MAX_HORIZON_DAYS));
  }
  return Math.min(days, MAX_HORIZON_DAYS);
}
const MAX_HORIZON_DAYS = 3650;

/**
 * SELECT entity_id, prev_class, score, class, rule, points for the businesses of `scope`, as of
 * the date `asOf` (events after it are ignored; age and decay count up to it).
 */
export function scoringSelect(model: ScoringModel, asOf: string, scope: Scope): RawBuilder<ScoredRow> {
  const inds = model.indicators;
  const ids = scope === 'all' ? undefined : [...scope.ids];
  const direct = model.direct.filter((d) => d.enabled);

  // Sources: events per business, D-class businesses per legal representative and district,
  // industry points.
  const aggregates = inds.flatMap((ind, i) =>
    EVENT_METRICS.has(ind.metric) ? [sql`${eventAggregate(ind, asOf)} as ${sql.ref(`a${i}`)}`] : [],
  );
  const events = sql`left join (
      select v.entity_id${aggregates.length ? sql`, ${join(aggregates)}` : sql``}
      from credit_event v
      where v.occurred_on <= ${asOf}::date and v.occurred_on > ${asOf}::date - ${eventHorizon(model)}::int${
        ids ? sql` and v.entity_id = any(${ids}::uuid[])` : sql``
      }
      group by v.entity_id
    ) a on a.entity_id = e.id`;
  const related = inds.some((ind) => ind.metric === 'related_d')
    ? sql` left join (
      select x.legal_rep, left(x.region_code, 6) as district, count(*)::int as n
      from entity x
      where x.credit_class = 'D' and x.status = 'active' and x.in_directory${
        ids ? sql` and x.legal_rep in (select legal_rep from entity where id = any(${ids}::uuid[]))` : sql``
      }
      group by 1, 2
    ) r on r.legal_rep = e.legal_rep and r.district = left(e.region_code, 6)`
    : sql``;
  const lookups = inds.flatMap((ind, i) =>
    ind.rule.score.kind === 'prefix'
      ? [
          sql` left join credit_lookup ${sql.ref(`k${i}`)} on ${sql.ref(`k${i}.model_id`)} = ${model.id}::uuid
            and ${sql.ref(`k${i}.indicator`)} = ${ind.code} and ${sql.ref(`k${i}.key`)} = e.industry_code`,
        ]
      : [],
  );

  // Level 1: values, looked-up points and direct conditions. Level 2: points. Level 3: score.
  const values = inds.map((ind, i) => sql`${metricValue(ind, i, asOf)} as ${sql.ref(`v${i}`)}`);
  const looked = inds.flatMap((ind, i) =>
    ind.rule.score.kind === 'prefix' ? [sql`${sql.ref(`k${i}.points`)} as ${sql.ref(`lk${i}`)}`] : [],
  );
  const conditions = direct.map((d, k) => sql`${DIRECT_SQL[d.when]} as ${sql.ref(`d${k}`)}`);
  const level1 = sql`select e.id as entity_id, e.credit_class as prev_class, ${join([...values, ...looked, ...conditions])}
    from entity e ${events}${related}${sql.join(lookups, sql``)}
    where e.status = 'active' and e.in_directory${ids ? sql` and e.id = any(${ids}::uuid[])` : sql``}
    offset 0`;
  const points = inds.map((ind, i) => sql`${pointsOf(ind, i)} as ${sql.ref(`p${i}`)}`);
  const level2 = sql`select q1.*, ${join(points)} from (${level1}) q1 offset 0`;
  // Each contribution is round(points × weight / 10), half up, in integers.
  const score = sql.join(
    inds.map((ind, i) => sql`(${sql.ref(`p${i}`)} * ${ind.weight}::int + 5) / 10`),
    sql` + `,
  );
  const level3 = sql`select q2.*, (${score}) as score from (${level2}) q2 offset 0`;

  // Class: the first direct rule that holds, else the thresholds.
  const t = model.thresholds;
  const byRule = direct.map((d, k) => sql`when ${sql.ref(`d${k}`)} then ${d.class}::text`);
  const ruleName = direct.map((d, k) => sql`when ${sql.ref(`d${k}`)} then ${d.when}::text`);
  const cls = sql`case ${sql.join(byRule, sql` `)} when score >= ${t.D}::int then 'D'
    when score >= ${t.C}::int then 'C' when score >= ${t.B}::int then 'B' else 'A' end`;
  return sql<ScoredRow>`select entity_id, prev_class, score::smallint as score, (${cls}) as class,
      ${direct.length ? sql`case ${sql.join(ruleName, sql` `)} end` : sql`null::text`} as rule,
      array[${join(inds.map((_, i) => sql.ref(`p${i}`)))}]::smallint[] as points
    from (${level3}) q3`;
}

export interface Movement {
  from: CreditClass | null;
  to: CreditClass;
  count: number;
}

const MOVEMENT = (source: RawBuilder<unknown>) => sql<Movement>`
  select prev_class as from, class as to, count(*)::int as count
  from ${source} group by 1, 2 order by 1 nulls first, 2`;

/** How a model would move the classes of every business; nothing is written. */
export async function dryRunMovement(db: Kysely<DB>, model: ScoringModel, asOf: string) {
  const { rows } = await MOVEMENT(sql`(${scoringSelect(model, asOf, 'all')}) s`).execute(db);
  return rows;
}

const partition = (seq: number) => {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`bad run number ${seq}`);
  return `credit_score_r${seq}`;
};

/**
 * A full run's scores, written into a table of their own that becomes the run's partition of
 * credit_score: filled without indexes, indexed in one sorted pass, then attached (its check
 * constraint spares the attach a scan). Returns how the classes moved; `step` reports progress.
 */
export async function writeSnapshot(
  db: Kysely<DB>,
  model: ScoringModel,
  asOf: string,
  seq: number,
  step: (stage: string, progress: number) => Promise<void>,
): Promise<Movement[]> {
  const table = sql.table(partition(seq));
  await sql`create table ${table} (like credit_score)`.execute(db);
  await sql`alter table ${table} add constraint ${sql.ref(`${partition(seq)}_run`)} check (run_seq = ${sql.lit(seq)})`.execute(
    db,
  );
  await step('scoring', 5);
  await sql`insert into ${table} (run_seq, score, class, prev_class, rule, entity_id, points)
    select ${seq}::int, score, class, prev_class, rule, entity_id, points
    from (${scoringSelect(model, asOf, 'all')}) s`.execute(db);
  await step('indexing', 70);
  await sql`create index ${sql.ref(`${partition(seq)}_entity`)} on ${table} (entity_id, run_seq)`.execute(db);
  await sql`create index ${sql.ref(`${partition(seq)}_changed`)} on ${table} (run_seq, prev_class, class)
    where class is distinct from prev_class`.execute(db);
  await step('counting', 80);
  const { rows } = await MOVEMENT(table).execute(db);
  await step('updating', 85);
  await sql`update entity e set credit_class = s.class
    from ${table} s
    where s.class is distinct from s.prev_class and s.entity_id = e.id`.execute(db);
  await step('attaching', 95);
  await sql`alter table credit_score attach partition ${table} for values in (${sql.lit(seq)})`.execute(db);
  return rows;
}

/** Drops the score tables of runs that no longer exist (a reloaded demo city). */
export async function dropOrphanPartitions(db: Kysely<DB>) {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'credit_score'::regclass and c.relname ~ '^credit_score_r[0-9]+$'
      and not exists (select 1 from credit_run r where 'credit_score_r' || r.seq = c.relname)`.execute(db);
  for (const { name } of rows) await sql`drop table ${sql.table(name)}`.execute(db);
}

/**
 * Re-scores some businesses as run `seq`: their scores go into credit_score (its default
 * partition) and their classes into entity.credit_class, in one statement. Returns the rows.
 */
export async function rescoreEntities(
  db: Kysely<DB>,
  model: ScoringModel,
  asOf: string,
  seq: number,
  ids: readonly string[],
): Promise<ScoredRow[]> {
  const { rows } = await sql<ScoredRow>`
    with s as (
      insert into credit_score (run_seq, score, class, prev_class, rule, entity_id, points)
      select ${seq}::int, score, class, prev_class, rule, entity_id, points
      from (${scoringSelect(model, asOf, { ids })}) q
      returning entity_id, prev_class, score, class, rule, points
    ), changed as (
      update entity e set credit_class = s.class from s
      where s.entity_id = e.id and s.class is distinct from s.prev_class
    )
    select * from s`.execute(db);
  return rows;
}
