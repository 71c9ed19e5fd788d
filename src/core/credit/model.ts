// The credit-risk model (企业信用风险分类, DOMAIN.md §4) as data: groups → indicators, each measuring
// one metric the platform knows and turning it into points by a rule (bands, a capped line, a
// table of categories or of industry prefixes), weighted; a score; classes by thresholds and by
// direct rules. Pure and browser-safe: the server generates its SQL from these definitions, the
// web editor validates with them, and the unit tests evaluate rules without a database.

export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CREDIT_CLASSES)[number];

/** The five groups of inputs (DOMAIN.md §4), in display order. */
export const GROUPS = ['basic', 'dynamic', 'supervision', 'relations', 'social'] as const;
export type Group = (typeof GROUPS)[number];

export const GROUP_NAMES: Record<Group, { zh: string; en: string }> = {
  basic: { zh: '基础属性', en: 'Basic attributes' },
  dynamic: { zh: '动态信息', en: 'Dynamic information' },
  supervision: { zh: '监管信息', en: 'Supervision' },
  relations: { zh: '关联关系', en: 'Related parties' },
  social: { zh: '社会评价', en: 'Public feedback' },
};

/** What an indicator can measure: the platform's data, computed by the scoring SQL. */
export const METRICS = [
  'age_years',
  'kind',
  'industry',
  'penalties',
  'abnormal_listed',
  'inspection_problems',
  'complaints',
  'complaint_growth',
  'address_changes',
  'rep_changes',
  'related_d',
] as const;
export type Metric = (typeof METRICS)[number];

/** Parameters a metric reads from its indicator's rule. */
type Param = 'windowDays' | 'halfLifeDays' | 'severityWeights' | 'recentDays';

export interface MetricSpec {
  /** Numbers are scored by bands or a capped line; categories by a table; industries by prefixes. */
  value: 'number' | 'category' | 'industry';
  params: readonly Param[];
  zh: string;
  en: string;
  /** Unit of the value, for explanations. */
  unitZh: string;
  unitEn: string;
}

export const METRIC_SPECS: Record<Metric, MetricSpec> = {
  age_years: {
    value: 'number',
    params: [],
    zh: '成立年限',
    en: 'Years since registration',
    unitZh: '年',
    unitEn: 'years',
  },
  kind: { value: 'category', params: [], zh: '主体类型', en: 'Kind of business', unitZh: '', unitEn: '' },
  industry: {
    value: 'industry',
    params: [],
    zh: '行业风险',
    en: 'Industry risk',
    unitZh: '',
    unitEn: '',
  },
  penalties: {
    value: 'number',
    params: ['windowDays', 'halfLifeDays', 'severityWeights'],
    zh: '行政处罚（次数、严重程度、时间衰减）',
    en: 'Administrative penalties (count, severity, recency)',
    unitZh: '加权次数',
    unitEn: 'weighted count',
  },
  abnormal_listed: {
    value: 'number',
    params: [],
    zh: '列入经营异常名录',
    en: 'On the list of abnormal operations',
    unitZh: '',
    unitEn: '',
  },
  inspection_problems: {
    value: 'number',
    params: ['windowDays', 'halfLifeDays', 'severityWeights'],
    zh: '检查发现问题',
    en: 'Problems found by inspections',
    unitZh: '加权次数',
    unitEn: 'weighted count',
  },
  complaints: {
    value: 'number',
    params: ['windowDays'],
    zh: '投诉举报',
    en: 'Complaints',
    unitZh: '件',
    unitEn: 'complaints',
  },
  complaint_growth: {
    value: 'number',
    params: ['recentDays'],
    zh: '投诉增长',
    en: 'Growth of complaints',
    unitZh: '件',
    unitEn: 'complaints',
  },
  address_changes: {
    value: 'number',
    params: ['windowDays'],
    zh: '住所（经营场所）变更',
    en: 'Address changes',
    unitZh: '次',
    unitEn: 'changes',
  },
  rep_changes: {
    value: 'number',
    params: ['windowDays'],
    zh: '法定代表人变更',
    en: 'Changes of legal representative',
    unitZh: '次',
    unitEn: 'changes',
  },
  related_d: {
    value: 'number',
    params: [],
    zh: '同一法定代表人的D类主体',
    en: 'D-class businesses with the same legal representative',
    unitZh: '户',
    unitEn: 'businesses',
  },
};

/** Entity kinds a `match` rule on `kind` can name. */
export const ENTITY_KINDS = ['enterprise', 'individual', 'cooperative', 'other'] as const;

/**
 * How a metric's value becomes points (0–100):
 * - bands: value < edges[0] → points[0]; edges[i-1] ≤ value < edges[i] → points[i]; ≥ last edge → last points.
 * - linear: round(value × per), at most cap.
 * - match: the points of the value's category, `otherwise` for any other (or none).
 * - prefix: the points of the longest matching GB/T 4754 code (a 门类 letter matches its section).
 */
export type ScoreRule =
  | { kind: 'bands'; edges: number[]; points: number[] }
  | { kind: 'linear'; per: number; cap: number }
  | { kind: 'match'; points: Record<string, number>; otherwise: number }
  | { kind: 'prefix'; prefixes: { prefix: string; points: number }[]; otherwise: number };

export interface IndicatorRule {
  score: ScoreRule;
  /** Event metrics: only events in this many days up to the run's date count. */
  windowDays?: number;
  /** Event metrics: an event's weight halves every this many days (recency decay). */
  halfLifeDays?: number;
  /** Penalties and inspection results: the weight of severity 1 (一般), 2 (较重) and 3 (严重). */
  severityWeights?: number[];
  /** Complaint growth: complaints of the last this many days minus those of the same span before. */
  recentDays?: number;
}

export interface Indicator {
  /** Unique within a model: [a-z][a-z0-9_]*. */
  code: string;
  group: Group;
  name: string;
  metric: Metric;
  /** 0–100: the indicator's share of the score (a model's weights usually add up to 100). */
  weight: number;
  rule: IndicatorRule;
}

/** Conditions a direct rule can test; the first enabled rule that holds decides the class. */
export const DIRECT_CONDITIONS = ['serious_listed', 'abnormal_listed', 'no_data'] as const;
export type DirectCondition = (typeof DIRECT_CONDITIONS)[number];

export const DIRECT_NAMES: Record<DirectCondition, { zh: string; en: string }> = {
  serious_listed: { zh: '列入严重违法失信名单', en: 'On the list of serious violations' },
  abnormal_listed: { zh: '列入经营异常名录', en: 'On the list of abnormal operations' },
  no_data: {
    zh: '无可评价数据（无成立日期且无任何信用事件）',
    en: 'Nothing to score (no registration date and no credit event)',
  },
};

export interface DirectRule {
  when: DirectCondition;
  class: CreditClass;
  enabled: boolean;
}

/** Score at or above which a business falls into B, C and D; below B it is A. */
export interface Thresholds {
  B: number;
  C: number;
  D: number;
}

export interface ModelDefinition {
  thresholds: Thresholds;
  direct: DirectRule[];
  indicators: Indicator[];
}

export const MAX_INDICATORS = 30;
export const MAX_POINTS = 100;
export const MAX_WEIGHT = 100;

// --- Evaluation (the same arithmetic as the generated SQL) -----------------------------------

/** Index of the band a value falls in (0 … edges.length), as PostgreSQL's width_bucket. */
export function bandOf(edges: readonly number[], value: number): number {
  let i = 0;
  while (i < edges.length && value >= edges[i]) i++;
  return i;
}

/** Longest prefix of `code` among `prefixes`, a 门类 letter matching its `section`. */
export function matchPrefix<T extends { prefix: string }>(
  prefixes: readonly T[],
  code: string,
  section: string | undefined,
): T | undefined {
  let best: T | undefined;
  for (const p of prefixes) {
    const hit = /^[A-Z]$/.test(p.prefix) ? p.prefix === section : code.startsWith(p.prefix);
    if (hit && (!best || p.prefix.length > best.prefix.length)) best = p;
  }
  return best;
}

/**
 * Points of a value under a rule; null values (unknown registration date, no industry) score 0.
 * `section` is the industry's 门类 for prefix rules.
 */
export function pointsFor(rule: ScoreRule, value: number | string | null, section?: string): number {
  if (value === null) return rule.kind === 'match' || rule.kind === 'prefix' ? rule.otherwise : 0;
  switch (rule.kind) {
    case 'bands':
      return rule.points[bandOf(rule.edges, Number(value))];
    case 'linear':
      return Math.min(rule.cap, Math.round(Number(value) * rule.per));
    case 'match':
      return rule.points[String(value)] ?? rule.otherwise;
    case 'prefix':
      return matchPrefix(rule.prefixes, String(value), section)?.points ?? rule.otherwise;
  }
}

/** A factor's contribution to the score: points (0–100) × weight (0–100) / 10, rounded. */
export const contribution = (points: number, weight: number) => Math.floor((points * weight + 5) / 10);

/** The class of a score by the thresholds. */
export function classOf(score: number, t: Thresholds): CreditClass {
  if (score >= t.D) return 'D';
  if (score >= t.C) return 'C';
  if (score >= t.B) return 'B';
  return 'A';
}

/** Half-up rounding to two decimals, as values are kept in explanations. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

// --- Validation -------------------------------------------------------------------------------

export interface ModelProblem {
  /** Path of the offending field: 'indicators.3.weight', 'thresholds.C'. */
  field: string;
  zh: string;
  en: string;
}

const isInt = (x: unknown, min: number, max: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const isNum = (x: unknown, min: number, max: number): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const PREFIX = /^([A-T]|\d{2,4})$/;

function ruleProblems(ind: Indicator, at: string, out: ModelProblem[]) {
  const spec = METRIC_SPECS[ind.metric];
  const r = ind.rule;
  const add = (field: string, zh: string, en: string) => out.push({ field: `${at}.${field}`, zh, en });
  const points = (x: unknown, field: string) => {
    if (!isInt(x, 0, MAX_POINTS))
      add(field, '分值应为0–100的整数', 'Points must be whole numbers from 0 to 100');
  };
  const s = r.score;
  const allowed =
    spec.value === 'number' ? ['bands', 'linear'] : spec.value === 'category' ? ['match'] : ['prefix'];
  if (!s || !allowed.includes(s.kind)) {
    add('rule.score.kind', '该指标不能使用此评分方式', 'This indicator cannot be scored this way');
    return;
  }
  if (s.kind === 'bands') {
    if (!Array.isArray(s.edges) || s.edges.length < 1 || s.edges.length > 10)
      add('rule.score.edges', '分段界限应为1–10个', 'Give 1 to 10 band edges');
    else if (s.edges.some((e, i) => !isNum(e, 0, 1e6) || (i > 0 && e <= s.edges[i - 1])))
      add('rule.score.edges', '分段界限应为递增的非负数', 'Band edges must be non-negative and increasing');
    if (!Array.isArray(s.points) || s.points.length !== (s.edges?.length ?? 0) + 1)
      add('rule.score.points', '分值个数应比分段界限多一个', 'Give one more points value than edges');
    else for (const [i, p] of s.points.entries()) points(p, `rule.score.points.${i}`);
  } else if (s.kind === 'linear') {
    if (!isNum(s.per, 0, 100)) add('rule.score.per', '每单位分值应为0–100', 'Points per unit must be 0–100');
    points(s.cap, 'rule.score.cap');
  } else if (s.kind === 'match') {
    for (const [key, p] of Object.entries(s.points ?? {})) {
      if (!(ENTITY_KINDS as readonly string[]).includes(key))
        add('rule.score.points', `未知的主体类型：${key}`, `Unknown kind of business: ${key}`);
      points(p, `rule.score.points.${key}`);
    }
    points(s.otherwise, 'rule.score.otherwise');
  } else {
    if (!Array.isArray(s.prefixes) || s.prefixes.length > 200)
      add('rule.score.prefixes', '行业代码最多200个', 'At most 200 industry codes');
    else {
      const seen = new Set<string>();
      s.prefixes.forEach((p, i) => {
        if (!PREFIX.test(p?.prefix ?? ''))
          add(
            `rule.score.prefixes.${i}.prefix`,
            '行业代码应为门类字母或2–4位数字',
            'An industry code is a section letter or 2–4 digits',
          );
        else if (seen.has(p.prefix))
          add(`rule.score.prefixes.${i}.prefix`, '行业代码重复', 'Industry code given twice');
        seen.add(p?.prefix);
        points(p?.points, `rule.score.prefixes.${i}.points`);
      });
    }
    points(s.otherwise, 'rule.score.otherwise');
  }
  for (const param of ['windowDays', 'halfLifeDays', 'severityWeights', 'recentDays'] as const) {
    const given = r[param] !== undefined;
    if (!spec.params.includes(param)) {
      if (given) add(`rule.${param}`, '该指标不使用此参数', 'This indicator takes no such parameter');
      continue;
    }
    if (param === 'severityWeights') {
      const w = r.severityWeights;
      if (!Array.isArray(w) || w.length !== 3 || w.some((x) => !isNum(x, 0, 100)))
        add(
          'rule.severityWeights',
          '严重程度权重应为三个0–100的数',
          'Severity weights are three numbers from 0 to 100',
        );
    } else if (param === 'halfLifeDays') {
      if (given && !isInt(r.halfLifeDays, 1, 3650))
        add('rule.halfLifeDays', '半衰期应为1–3650天', 'The half-life is 1 to 3650 days');
    } else if (!isInt(r[param], 1, 3650)) {
      add(`rule.${param}`, '天数应为1–3650的整数', 'Days must be a whole number from 1 to 3650');
    }
  }
}

/** Everything wrong with a model, each with the field it concerns; empty when it can be used. */
export function modelProblems(m: ModelDefinition): ModelProblem[] {
  const out: ModelProblem[] = [];
  const t = m.thresholds;
  for (const c of ['B', 'C', 'D'] as const) {
    if (!isInt(t?.[c], 1, 30_000))
      out.push({
        field: `thresholds.${c}`,
        zh: '分类阈值应为1–30000的整数',
        en: 'Thresholds are whole numbers from 1 to 30000',
      });
  }
  if (!out.length && !(t.B < t.C && t.C < t.D))
    out.push({
      field: 'thresholds.C',
      zh: '阈值应满足 B < C < D',
      en: 'Thresholds must rise: B < C < D',
    });
  (m.direct ?? []).forEach((d, i) => {
    if (!DIRECT_CONDITIONS.includes(d.when) || !CREDIT_CLASSES.includes(d.class))
      out.push({ field: `direct.${i}`, zh: '直接判定规则无效', en: 'Invalid direct rule' });
  });
  const inds = m.indicators ?? [];
  if (inds.length === 0 || inds.length > MAX_INDICATORS)
    out.push({
      field: 'indicators',
      zh: `指标应为1–${MAX_INDICATORS}个`,
      en: `Give 1 to ${MAX_INDICATORS} indicators`,
    });
  const codes = new Set<string>();
  inds.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (!CODE.test(ind.code ?? ''))
      out.push({
        field: `${at}.code`,
        zh: '指标代码应为小写字母开头的字母、数字或下划线',
        en: 'An indicator code is lower-case letters, digits and _',
      });
    else if (codes.has(ind.code))
      out.push({ field: `${at}.code`, zh: '指标代码重复', en: 'Indicator code given twice' });
    codes.add(ind.code);
    if (!GROUPS.includes(ind.group))
      out.push({ field: `${at}.group`, zh: '指标分组无效', en: 'Unknown group' });
    if (typeof ind.name !== 'string' || !ind.name.trim() || ind.name.length > 50)
      out.push({ field: `${at}.name`, zh: '指标名称应为1–50个字符', en: 'A name is 1 to 50 characters' });
    if (!isInt(ind.weight, 0, MAX_WEIGHT))
      out.push({
        field: `${at}.weight`,
        zh: '权重应为0–100的整数',
        en: 'A weight is a whole number from 0 to 100',
      });
    if (!METRICS.includes(ind.metric)) {
      out.push({ field: `${at}.metric`, zh: '未知的指标口径', en: 'Unknown metric' });
      return;
    }
    ruleProblems(ind, at, out);
  });
  if (inds.length && inds.every((ind) => ind.weight === 0))
    out.push({
      field: 'indicators',
      zh: '至少一个指标的权重应大于0',
      en: 'At least one indicator needs a weight above 0',
    });
  return out;
}

/** Sum of the weights, shown beside the editor (100 is usual, not required). */
export const totalWeight = (m: ModelDefinition) => m.indicators.reduce((s, i) => s + i.weight, 0);
