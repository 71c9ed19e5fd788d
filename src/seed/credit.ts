// Credit events of the demo city (penalties, complaints, list entries and removals, inspection
// results, registration changes), consistent with the signals the entity generator gave each
// business: its list status, its complaint count and the credit class it drew, which stands for
// the business's hidden risk. Pure and deterministic: the same businesses in the same order and
// the same seed give the same events.
import { DEMO_TODAY } from './inspectors.ts';
import { Rng, Weighted } from './prng.ts';

export interface CreditSeedEntity {
  id: string;
  credit_class: 'A' | 'B' | 'C' | 'D' | null;
  abnormal_listed: boolean;
  serious_listed: boolean;
  complaint_count: number;
  org_id: string;
  region_code: string;
}

/** Row of table `credit_event` (id and created_at keep their defaults). */
export interface CreditEventRow {
  entity_id: string;
  kind:
    | 'penalty'
    | 'complaint'
    | 'abnormal_list_in'
    | 'abnormal_list_out'
    | 'serious_list_in'
    | 'inspection_result'
    | 'registration_change';
  occurred_on: string;
  severity: number | null;
  amount_yuan: string | null;
  subject: string | null;
  ref: string | null;
  source: 'seed';
  org_id: string;
  region_code: string;
}

type Hidden = 'A' | 'B' | 'C' | 'D';
type Mild = 'penalty' | 'inspection' | 'address' | 'rep';

/**
 * Per hidden class: penalties (chance, how many, severity, how recent), inspections with problems,
 * registration changes. A B-class business mostly shows one mild signal; C and D show several,
 * D serious ones.
 */
const PROFILE: Record<
  Hidden,
  {
    mild: number;
    penalty: number;
    penalties: [number, number];
    severity: Weighted<number>;
    penaltyDays: number;
    inspected: number;
    problem: number;
    problemSeverity: Weighted<number>;
    address: number;
    rep: number;
    growth: number;
  }
> = {
  A: {
    mild: 0.03,
    penalty: 0.005,
    penalties: [1, 1],
    severity: new Weighted([[1, 1]]),
    penaltyDays: 1095,
    inspected: 0.04,
    problem: 0.05,
    problemSeverity: new Weighted([[1, 1]]),
    address: 0.02,
    rep: 0.01,
    growth: 0.1,
  },
  B: {
    mild: 0.85,
    penalty: 0.03,
    penalties: [1, 1],
    severity: new Weighted([[1, 1]]),
    penaltyDays: 1095,
    inspected: 0.08,
    problem: 0.2,
    problemSeverity: new Weighted([[1, 1]]),
    address: 0.04,
    rep: 0.02,
    growth: 0.2,
  },
  C: {
    mild: 0.3,
    penalty: 0.75,
    penalties: [1, 2],
    severity: new Weighted([
      [1, 5],
      [2, 4],
      [3, 1],
    ]),
    penaltyDays: 730,
    inspected: 0.4,
    problem: 0.8,
    problemSeverity: new Weighted([
      [1, 2],
      [2, 1],
    ]),
    address: 0.15,
    rep: 0.08,
    growth: 0.4,
  },
  D: {
    mild: 0.3,
    penalty: 0.9,
    penalties: [1, 3],
    severity: new Weighted([
      [2, 2],
      [3, 3],
    ]),
    penaltyDays: 730,
    inspected: 0.5,
    problem: 0.9,
    problemSeverity: new Weighted([
      [2, 1],
      [3, 1],
    ]),
    address: 0.25,
    rep: 0.15,
    growth: 0.5,
  },
};

const MILD = new Weighted<Mild>([
  ['penalty', 45],
  ['inspection', 25],
  ['address', 18],
  ['rep', 12],
]);

const ABNORMAL_CAUSES = ['annual_report', 'unreachable', 'instant_info', 'falsified'];
const PROBLEM_CODES = ['D', 'E', 'B', '6', '3'];
/** Fines by severity, in yuan: 一般, 较重, 严重. */
const FINES: [number, number][] = [
  [500, 10_000],
  [10_000, 100_000],
  [100_000, 2_000_000],
];
const PAST_REMOVAL = 0.02;

const DAY_MS = 86_400_000;

export function* generateCreditEvents(
  seed: string,
  entities: Iterable<CreditSeedEntity>,
  today = DEMO_TODAY,
): Generator<CreditEventRow> {
  const rng = new Rng(`${seed}\u0000credit-events`);
  const base = Date.parse(today);
  const daysAgo = (days: number) => new Date(base - days * DAY_MS).toISOString().slice(0, 10);
  let penaltyNo = 0;

  for (const e of entities) {
    const hidden: Hidden = e.credit_class ?? 'B';
    const p = PROFILE[hidden];
    const event = (
      kind: CreditEventRow['kind'],
      days: number,
      extra: Partial<CreditEventRow> = {},
    ): CreditEventRow => ({
      entity_id: e.id,
      kind,
      occurred_on: daysAgo(days),
      severity: null,
      amount_yuan: null,
      subject: null,
      ref: null,
      source: 'seed',
      org_id: e.org_id,
      region_code: e.region_code,
      ...extra,
    });

    // Complaints: as many as the directory counts, over three years; for some, mostly recent.
    if (e.complaint_count > 0) {
      const growing = e.complaint_count >= 3 && rng.chance(p.growth);
      for (let i = 0; i < e.complaint_count; i++) {
        const days = growing && rng.chance(0.7) ? rng.between(1, 180) : rng.between(1, 1095);
        yield event('complaint', days);
      }
    }

    // Lists: the current entries, and some past entries since removed.
    if (e.serious_listed) {
      yield event('abnormal_list_in', rng.between(1100, 1500), { subject: 'unreachable' });
      yield event('serious_list_in', rng.between(30, 600), { subject: 'abnormal_3_years' });
    } else if (e.abnormal_listed) {
      yield event('abnormal_list_in', rng.between(20, 1000), { subject: rng.pick(ABNORMAL_CAUSES) });
    } else if (rng.chance(PAST_REMOVAL)) {
      const listed = rng.between(400, 1400);
      yield event('abnormal_list_in', listed, { subject: 'annual_report' });
      yield event('abnormal_list_out', listed - rng.between(30, 300), { subject: 'annual_report' });
    }

    // One mild signal: a small penalty, a problem found, changes of address or representative.
    if (rng.chance(p.mild)) {
      const mild = MILD.pick(rng);
      if (mild === 'penalty') {
        const days = rng.between(15, 700);
        yield event('penalty', days, {
          severity: 1,
          amount_yuan: String(rng.between(5, 100) * 100),
          subject: 'fine',
          ref: `深市监罚〔${daysAgo(days).slice(0, 4)}〕${++penaltyNo}号`,
        });
      } else if (mild === 'inspection')
        yield event('inspection_result', rng.between(30, 600), {
          severity: 1,
          subject: rng.pick(PROBLEM_CODES),
        });
      else if (mild === 'address')
        for (let i = 0; i < 2; i++)
          yield event('registration_change', rng.between(10, 700), { subject: 'address' });
      else yield event('registration_change', rng.between(10, 700), { subject: 'legal_rep' });
    }

    // Penalties.
    if (rng.chance(p.penalty)) {
      const count = rng.between(p.penalties[0], p.penalties[1]);
      for (let i = 0; i < count; i++) {
        const severity = p.severity.pick(rng);
        const [lo, hi] = FINES[severity - 1];
        const warning = severity === 1 && rng.chance(0.3);
        const days = rng.between(15, p.penaltyDays);
        yield event('penalty', days, {
          severity,
          amount_yuan: warning ? null : String(Math.round(rng.between(lo, hi) / 100) * 100),
          subject: warning ? 'warning' : 'fine',
          ref: `深市监罚〔${daysAgo(days).slice(0, 4)}〕${++penaltyNo}号`,
        });
      }
    }

    // Inspection results (from past random inspections): no problem, or problems found.
    if (rng.chance(p.inspected)) {
      const problem = rng.chance(p.problem);
      yield event('inspection_result', rng.between(30, 1000), {
        severity: problem ? p.problemSeverity.pick(rng) : 0,
        subject: problem ? rng.pick(PROBLEM_CODES) : '1',
      });
    }

    // Registration changes: addresses and legal representatives, more often for risky businesses.
    if (rng.chance(p.address)) {
      const n = hidden === 'D' ? rng.between(1, 3) : rng.between(1, 2);
      for (let i = 0; i < n; i++)
        yield event('registration_change', rng.between(10, 700), { subject: 'address' });
    }
    if (rng.chance(p.rep)) yield event('registration_change', rng.between(10, 700), { subject: 'legal_rep' });
    if (rng.chance(0.02)) yield event('registration_change', rng.between(10, 1000), { subject: 'scope' });
  }
}
