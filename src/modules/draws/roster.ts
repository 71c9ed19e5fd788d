// The roster: every inspector a draw may put on a team, frozen when the draw is committed and hashed
// into the commitment (roster_digest), so nobody who sees the seed can change who is eligible. It holds
// what the team rules of DRAW-SPEC §5 need and nothing else; certificate numbers are the public
// identifiers. It also holds declared conflicts, so it is kept for auditors, not published.
import { type Kysely, sql } from 'kysely';
import { idProblems } from '../../core/draw/frame.ts';
import { canonicalJson, compareUtf8 } from '../../core/draw/index.ts';
import type { DB } from '../../db/schema.ts';

export const ROSTER_SPEC = 'tianping-roster/1';

export interface RosterInspector {
  /** Certificate number (执法证号), the public identifier in kits. */
  id: string;
  /** Region code of the inspector's own office (所), or null for department staff without one. */
  office: string | null;
  qualifications: string[];
  /** Open tasks (assigned, not cancelled) when the roster was frozen. */
  load: number;
}

export interface RosterDepartment {
  org_id: string;
  org_code: string;
  /** Ascending by id (UTF-8 byte order), as eligible lists must be. */
  inspectors: RosterInspector[];
}

export interface Roster {
  spec: typeof ROSTER_SPEC;
  /** Certificates must be valid through this day (the plan's end date). */
  valid_through: string;
  /** In the plan's documented order: the owning department first, then cooperating ones as listed. */
  departments: RosterDepartment[];
  /** Declared conflicts (回避): [inspector id, business identifier], sorted. */
  conflicts: [string, string][];
  /** Special libraries (专项库) and the qualification each requires. */
  tag_qualifications: Record<string, string>;
}

/**
 * Freezes the roster: inspectors on duty whose certificate is valid through `validThrough`, working
 * in a department's organisation or below it, with their open workload (assigned tasks whose result is
 * not yet approved) and declared conflicts.
 */
export async function buildRoster(
  db: Kysely<DB>,
  departmentIds: readonly string[],
  validThrough: string,
): Promise<Roster> {
  const departments: RosterDepartment[] = [];
  for (const orgId of departmentIds) {
    const org = await db
      .selectFrom('org')
      .select(['code', 'path'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    const { rows } = await sql<{ id: string; office: string | null; qualifications: string[]; load: number }>`
      with roster as (
        select i.id, i.cert_no, i.office_id, i.qualifications
        from inspector i join org o on o.id = i.org_id
        where o.path like ${`${org.path}%`} and i.status = 'on_duty' and i.cert_expires_on >= ${validThrough}::date
      ), loads as (
        select m.inspector_id, count(*)::int as load
        from task_member m join task t on t.id = m.task_id
        where m.removed_by is null and t.status = 'assigned' and m.inspector_id in (select id from roster)
          -- done once the member's department has its result approved
          and not exists (select 1 from inspection x
            where x.task_id = t.id and x.org_id = m.org_id and x.status in ('approved', 'published'))
        group by 1
      )
      select r.cert_no as id, office.region_code as office, r.qualifications, coalesce(l.load, 0) as load
      from roster r
      left join org office on office.id = r.office_id
      left join loads l on l.inspector_id = r.id`.execute(db);
    const inspectors = rows
      .map((r) => ({ ...r, qualifications: [...r.qualifications].sort(compareUtf8) }))
      .sort((a, b) => compareUtf8(a.id, b.id));
    departments.push({ org_id: orgId, org_code: org.code, inspectors });
  }
  const ids = departments.flatMap((d) => d.inspectors.map((i) => i.id));
  const conflicts = ids.length
    ? (
        await sql<{ inspector: string; entity: string }>`
          select distinct i.cert_no as inspector, e.identifier as entity
          from inspector_conflict c
          join inspector i on i.id = c.inspector_id
          join entity e on e.id = c.entity_id
          where i.cert_no = any(${ids}::text[])`.execute(db)
      ).rows
        .map((r): [string, string] => [r.inspector, r.entity])
        .sort((a, b) => compareUtf8(a[0], b[0]) || compareUtf8(a[1], b[1]))
    : [];
  const { rows: tags } = await sql<{ name: string; required_qualification: string }>`
    select name, required_qualification from entity_tag where required_qualification is not null`.execute(db);
  // Businesses carry special libraries (专项库) by name, e.g. 食品经营.
  const tagQualifications: Record<string, string> = {};
  for (const t of tags) tagQualifications[t.name] = t.required_qualification;
  return {
    spec: ROSTER_SPEC,
    valid_through: validThrough,
    departments,
    conflicts,
    tag_qualifications: tagQualifications,
  };
}

export const rosterText = (roster: Roster) => canonicalJson(roster);

/** What a task's business contributes to the team rules. */
export interface TaskEntity {
  identifier: string;
  /** Region code of the business (its street), for cross-office mode. */
  regionCode: string;
  tags: readonly string[];
  /** Inspectors (ids) on the business's previous team. */
  previous: ReadonlySet<string>;
}

export interface TeamRules {
  teamSize: number;
  crossOffice: boolean;
  workloadCap: number | null;
  /** Per department (roster order): qualifications its items require. */
  itemQualifications: string[][];
}

/**
 * The eligibility rules of DRAW-SPEC §5 over a frozen roster, with loads that grow as teams are drawn.
 * Eligible inspectors of a department come out as roster positions, ascending, which is ascending by id.
 */
export class Eligibility {
  readonly roster: Roster;
  readonly rules: TeamRules;
  readonly #loads: Int32Array[];
  readonly #conflicts: Map<string, Set<string>>;
  readonly #qualified = new Map<string, Uint8Array>();
  readonly #position: Map<string, number>[];

  constructor(roster: Roster, rules: TeamRules) {
    this.roster = roster;
    this.rules = rules;
    this.#loads = roster.departments.map((d) => Int32Array.from(d.inspectors, (i) => i.load));
    this.#position = roster.departments.map((d) => new Map(d.inspectors.map((i, n) => [i.id, n])));
    // Eligible lists are taken from these in order, so they are canonical when these are (§5).
    for (const d of roster.departments) {
      for (const problem of idProblems(d.inspectors.map((i) => i.id)))
        throw new Error(`roster of ${d.org_code} is not canonical: ${problem}`);
    }
    this.#conflicts = setsByKey(roster.conflicts.map(([inspector, entity]) => [entity, inspector]));
  }

  /**
   * Qualifications an inspector of department d needs for this business: those of d's items, and for
   * the owning department (d = 0) those its special libraries (专项库) require. A cooperating
   * department inspects its own items; it is not asked for another department's qualifications.
   */
  required(d: number, tags: readonly string[]): string[] {
    const needed = new Set(this.rules.itemQualifications[d] ?? []);
    if (d === 0) {
      for (const tag of tags) {
        const q = this.roster.tag_qualifications[tag];
        if (q) needed.add(q);
      }
    }
    return [...needed].sort(compareUtf8);
  }

  #qualifiedMask(d: number, required: string[]): Uint8Array {
    const key = `${d}\u0000${required.join('\u0000')}`;
    let mask = this.#qualified.get(key);
    if (!mask) {
      mask = Uint8Array.from(this.roster.departments[d].inspectors, (i) =>
        required.every((q) => i.qualifications.includes(q)) ? 1 : 0,
      );
      this.#qualified.set(key, mask);
    }
    return mask;
  }

  /** Roster positions of department d's inspectors eligible for the business, ascending. */
  eligible(d: number, entity: TaskEntity, excluded: ReadonlySet<string> = new Set()): number[] {
    const { inspectors } = this.roster.departments[d];
    const qualified = this.#qualifiedMask(d, this.required(d, entity.tags));
    const loads = this.#loads[d];
    const cap = this.rules.workloadCap ?? Number.POSITIVE_INFINITY;
    const conflicts = this.#conflicts.get(entity.identifier);
    const out: number[] = [];
    for (let n = 0; n < inspectors.length; n++) {
      if (!qualified[n] || loads[n] >= cap) continue;
      const inspector = inspectors[n];
      if (
        this.rules.crossOffice &&
        inspector.office !== null &&
        entity.regionCode.startsWith(inspector.office)
      )
        continue;
      if (conflicts?.has(inspector.id) || entity.previous.has(inspector.id) || excluded.has(inspector.id))
        continue;
      out.push(n);
    }
    return out;
  }

  ids(d: number, positions: readonly number[]): string[] {
    const { inspectors } = this.roster.departments[d];
    return positions.map((n) => inspectors[n].id);
  }

  positionOf(d: number, id: string): number {
    const n = this.#position[d].get(id);
    if (n === undefined) throw new Error(`inspector ${id} is not on department ${d}'s roster`);
    return n;
  }

  /** Counts a drawn team against the workload cap. */
  assign(d: number, team: readonly string[]): void {
    for (const id of team) this.#loads[d][this.positionOf(d, id)]++;
  }
}

/** Groups [key, value] pairs into a set of values per key. */
export function setsByKey(pairs: Iterable<readonly [string, string]>): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  for (const [key, value] of pairs) {
    const set = sets.get(key);
    if (set) set.add(value);
    else sets.set(key, new Set([value]));
  }
  return sets;
}

/** Eligible roster positions as a bitset (bit n of byte n >> 3, least significant first). */
export function toBitset(positions: readonly number[], size: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const n of positions) bits[n >> 3] |= 1 << (n & 7);
  return bits;
}

export function fromBitset(bits: Uint8Array, size: number): number[] {
  const out: number[] = [];
  for (let n = 0; n < size; n++) if (bits[n >> 3] & (1 << (n & 7))) out.push(n);
  return out;
}
