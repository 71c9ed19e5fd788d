// A year of published inspection results for the demo city, as a city that moves to Tianping
// brings them from its previous system: every district department with items and inspectors has a
// published plan per year, and a share of the businesses of its district were inspected, reviewed
// and published. These tasks have no draw (the old system's draws cannot be verified), which is
// what the public pages show. Generated in SQL so that a city of millions loads in seconds; the
// choices hash each business's identifier with the seed, so the same seed picks the same records.
import { type Kysely, sql } from 'kysely';
import { addDays } from '../core/calendar/workdays.ts';
import { RESULT_CODES_VERSION } from '../core/results/codes.ts';
import type { DB } from '../db/schema.ts';

export interface HistoryOptions {
  seed: string;
  /** Share of the businesses inspected over the year, in basis points (400 = 4 %). */
  ratioBp: number;
  /** The last day of the history (the newest inspection ended on it). */
  until: string;
  days: number;
}

/**
 * Outcomes by the last three digits of a hash: roughly eight in ten clean, one in ten a problem
 * found, the rest corrected on the spot, not operating, closed, deregistered or uncooperative.
 */
const OUTCOMES: readonly [number, number, string[], string][] = [
  [0, 800, ['1'], 'none'],
  [800, 840, ['A', 'D'], 'order_correct'],
  [840, 865, ['A', '2'], 'order_correct'],
  [865, 880, ['A', 'B'], 'order_correct'],
  [880, 890, ['A', '6'], 'order_correct'],
  [890, 905, ['A', '3'], 'case_referral'],
  [905, 945, ['E'], 'none'],
  [945, 975, ['F'], 'none'],
  [975, 988, ['7'], 'none'],
  [988, 995, ['9'], 'none'],
  [995, 1000, ['8'], 'none'],
];

const hashPart = (part: number) => sql.raw(`('x' || substr(m, ${1 + part * 8}, 8))::bit(32)::bigint`);

/** Loads the history in the caller's transaction; returns the number of published inspections. */
export async function loadPublishedHistory(db: Kysely<DB>, options: HistoryOptions): Promise<number> {
  const from = addDays(options.until, -(options.days - 1));
  const outcomes = sql.join(
    OUTCOMES.map(
      ([lo, hi, codes, disposition]) => sql`(${lo}::int, ${hi}::int, ${codes}::text[], ${disposition}::text)`,
    ),
  );
  await sql`create temporary table history_dept on commit drop as
    with d as (
      select o.id as org_id, o.region_code, o.name,
        array(select i.id from inspection_item i
              where i.active and not i.is_joint and i.department = o.department
              order by i.item_type desc, i.code limit 3) as items,
        array(select n.id from inspector n where n.org_id = o.id and n.status = 'on_duty'
              order by n.cert_no) as inspectors
      from org o where o.kind = 'department' and o.level = 'district')
    select d.*,
      array(select c.id from checklist c where c.item_id = any(d.items) and c.status = 'published'
            order by c.id) as checklists,
      row_number() over (partition by d.region_code order by d.org_id) - 1 as k,
      count(*) over (partition by d.region_code) as n
    from d where cardinality(d.items) > 0 and cardinality(d.inspectors) >= 2`.execute(db);

  await sql`create temporary table history_plan on commit drop as
    select gen_random_uuid() as id, d.org_id, y.year
    from history_dept d,
      (select distinct extract(year from g)::int as year
       from generate_series(${from}::date, ${options.until}::date, interval '1 day') g) y`.execute(db);
  await sql`insert into plan (id, year, org_id, region_code, name, kind, status, ratios,
      starts_on, ends_on, filed_at, published_at, created_at)
    select p.id, p.year, d.org_id, d.region_code,
      d.name || p.year || '年度双随机抽查计划（原系统迁移）', 'single', 'published',
      '{"A":0,"B":300,"C":1000,"D":3000}'::jsonb, make_date(p.year, 1, 1), make_date(p.year, 12, 31),
      make_date(p.year - 1, 12, 15), make_date(p.year - 1, 12, 20), make_date(p.year - 1, 12, 1)
    from history_plan p join history_dept d on d.org_id = p.org_id`.execute(db);
  await sql`insert into plan_item (plan_id, item_id, org_id, position)
    select p.id, i.item_id, p.org_id, i.n - 1
    from history_plan p join history_dept d on d.org_id = p.org_id,
      unnest(d.items) with ordinality as i(item_id, n)`.execute(db);
  await sql`insert into plan_batch (plan_id, seq, name, starts_on, ends_on)
    select id, 1, '全年批次', make_date(year, 1, 1), make_date(year, 12, 31) from history_plan`.execute(db);

  await sql`create temporary table history_task on commit drop as
    select gen_random_uuid() as task_id, gen_random_uuid() as inspection_id, e.id as entity_id,
      e.region_code, d.org_id, d.items, d.checklists, d.inspectors, h.day, h.delay, h.outcome, h.pick,
      ${from}::date + h.day::int as ended_on
    from entity e,
      lateral (select md5(e.identifier || ${options.seed}) as m) m,
      lateral (select ${hashPart(0)} as chosen, ${hashPart(1)} as dept,
        ${hashPart(2)} % ${options.days} as day, ${hashPart(2)} / ${options.days} % 25 as delay,
        ${hashPart(3)} % 1000 as outcome, ${hashPart(3)} / 1000 as pick) h,
      history_dept d
    where e.in_directory and h.chosen % 10000 < ${options.ratioBp}
      and d.region_code = substr(e.region_code, 1, 6) and d.k = h.dept % d.n`.execute(db);

  await sql`insert into task (id, plan_id, entity_id, org_id, region_code, item_ids, status, created_at, updated_at)
    select t.task_id, p.id, t.entity_id, t.org_id, t.region_code, t.items, 'assigned',
      t.ended_on - 20, t.ended_on
    from history_task t
    join history_plan p on p.org_id = t.org_id and p.year = extract(year from t.ended_on)`.execute(db);
  // Two different inspectors of the department: the lead, then one chosen among the others.
  await sql`insert into task_member (task_id, inspector_id, org_id, position)
    select t.task_id, t.inspectors[1 + a], t.org_id, 0 from history_task t,
      lateral (select t.pick % cardinality(t.inspectors) as a) x
    union all
    select t.task_id, t.inspectors[1 + (a + 1 + t.pick / 1000 % (cardinality(t.inspectors) - 1))
      % cardinality(t.inspectors)], t.org_id, 1 from history_task t,
      lateral (select t.pick % cardinality(t.inspectors) as a) x`.execute(db);

  const inserted = await sql`insert into inspection (id, task_id, org_id, region_code, entity_id,
      item_ids, checklist_ids, status, version, method, planned_on, started_at, ended_at, ended_on,
      codes_version, disposition, submitted_at, reviewed_at, approved_at, publishable_by, published_at,
      created_at, updated_at)
    select t.inspection_id, t.task_id, t.org_id, t.region_code, t.entity_id, t.items, t.checklists,
      'published', 1, 'onsite', t.ended_on,
      (t.ended_on + time '09:30') at time zone 'Asia/Shanghai',
      (t.ended_on + time '11:00') at time zone 'Asia/Shanghai', t.ended_on,
      ${RESULT_CODES_VERSION}, o.disposition,
      (t.ended_on + 1 + time '16:00') at time zone 'Asia/Shanghai',
      (t.ended_on + 2 + time '10:00') at time zone 'Asia/Shanghai',
      (t.ended_on + 2 + time '10:00') at time zone 'Asia/Shanghai',
      t.ended_on + 28,
      (t.ended_on + 3 + t.delay::int + time '15:00') at time zone 'Asia/Shanghai',
      t.ended_on - 20, t.ended_on + 3 + t.delay::int
    from history_task t join (values ${outcomes}) as o(lo, hi, codes, disposition)
      on t.outcome >= o.lo and t.outcome < o.hi`.execute(db);
  await sql`insert into inspection_result_code (inspection_id, code, dictionary_version)
    select t.inspection_id, c, ${RESULT_CODES_VERSION}
    from history_task t join (values ${outcomes}) as o(lo, hi, codes, disposition)
      on t.outcome >= o.lo and t.outcome < o.hi, unnest(o.codes) c`.execute(db);
  return Number(inserted.numAffectedRows ?? 0);
}
