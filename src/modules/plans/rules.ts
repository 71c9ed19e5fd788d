// The rules a plan must satisfy before it is saved, filed or amended (DOMAIN.md §3–4). Pure: the
// service loads what the rules need and turns a problem into a 400 naming the field.
import { industries, industry, region } from '../../core/codes/index.ts';
import type { EntityKind } from '../../db/schema.ts';

/** Credit-risk strata in declared order; `U` holds businesses not yet classified, when there are any. */
export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof CLASSES)[number] | 'U';

/** A general item may be drawn at most this often a year unless the item states a lower ratio (DOMAIN §2). */
export const GENERAL_ITEM_CAP_BP = 1000;

export const ENTITY_KINDS: readonly EntityKind[] = ['enterprise', 'individual', 'cooperative', 'other'];

export interface Scope {
  kinds?: EntityKind[];
  /** GB/T 4754 codes at any level: a 门类 letter, or a 大类/中类/小类 code matched as a prefix. */
  industries?: string[];
  /** GB/T 2260 codes (district 6 digits or street 9 digits) within the plan's region. */
  regions?: string[];
  /** Special libraries (专项库): a business carrying any of them. */
  tags?: string[];
}

/** Ratio per stratum in basis points (1 bp = 0.01 %). `U` defaults to B's ratio (信用风险一般). */
export type Ratios = Record<(typeof CLASSES)[number], number> & { U?: number };

export interface PlanItemRef {
  id: string;
  code: string;
  name: string;
  item_type: 'general' | 'key';
  ratio_bp: number | null;
}

export interface PlanRulesInput {
  kind: 'single' | 'joint';
  orgId: string;
  /** What the owning department covers: 4403 for a city department, 440305 for a district one. */
  regionPrefix: string;
  cooperatingOrgIds: string[];
  directed: boolean;
  scope: Scope;
  ratios: Ratios;
  startsOn: string;
  endsOn: string;
  items: PlanItemRef[];
  batches: { name: string; startsOn: string; endsOn: string }[];
}

export interface RuleProblem {
  field: string;
  zh: string;
  en: string;
}

const pct = (bp: number) => `${bp / 100}%`;

/** The cap for a general item: its own published ratio when lower than the general cap. */
export const generalCap = (item: PlanItemRef) =>
  item.ratio_bp === null ? GENERAL_ITEM_CAP_BP : Math.min(item.ratio_bp, GENERAL_ITEM_CAP_BP);

export const ratioOf = (ratios: Ratios, stratum: Stratum) =>
  stratum === 'U' ? (ratios.U ?? ratios.B) : ratios[stratum];

/** The first problem with a plan, or null when it may be saved. */
export function planProblem(p: PlanRulesInput): RuleProblem | null {
  if (p.endsOn < p.startsOn)
    return { field: 'endsOn', zh: '结束日期不能早于开始日期', en: 'The end date is before the start date' };

  if (p.kind === 'joint') {
    if (p.cooperatingOrgIds.length === 0)
      return {
        field: 'cooperatingOrgIds',
        zh: '联合抽查计划须至少有一个配合部门',
        en: 'A joint plan needs at least one cooperating department',
      };
    if (new Set([p.orgId, ...p.cooperatingOrgIds]).size !== p.cooperatingOrgIds.length + 1)
      return {
        field: 'cooperatingOrgIds',
        zh: '配合部门不能重复，也不能是牵头部门',
        en: 'Cooperating departments must be distinct and differ from the lead department',
      };
  } else if (p.cooperatingOrgIds.length > 0) {
    return {
      field: 'cooperatingOrgIds',
      zh: '单部门计划不设配合部门',
      en: 'A single-department plan has no cooperating departments',
    };
  }

  const narrowing = [p.scope.kinds, p.scope.industries, p.scope.tags].some((list) => (list?.length ?? 0) > 0);
  if (p.directed && !narrowing)
    return {
      field: 'scope',
      zh: '定向抽查须限定主体类型、行业或专项库',
      en: 'A directed plan must narrow the scope by kind, industry or special library',
    };
  if (!p.directed && narrowing)
    return {
      field: 'scope',
      zh: '不定向抽查面向区域内全部主体，不能限定类型、行业或专项库',
      en: 'An undirected plan covers every business of its region: no kind, industry or tag filters',
    };
  for (const kind of p.scope.kinds ?? []) {
    if (!ENTITY_KINDS.includes(kind))
      return { field: 'scope.kinds', zh: `未知的主体类型「${kind}」`, en: `Unknown kind "${kind}"` };
  }
  for (const code of p.scope.industries ?? []) {
    if (!industry(code))
      return {
        field: 'scope.industries',
        zh: `未知的行业代码「${code}」`,
        en: `Unknown GB/T 4754 code "${code}"`,
      };
  }
  for (const code of p.scope.regions ?? []) {
    if (!region(code) || !code.startsWith(p.regionPrefix))
      return {
        field: 'scope.regions',
        zh: `区域「${code}」不存在或不在计划部门的辖区内`,
        en: `Region "${code}" is unknown or outside the department's area`,
      };
  }

  for (const stratum of [...CLASSES, 'U'] as const) {
    const bp = stratum === 'U' ? p.ratios.U : p.ratios[stratum];
    if (bp === undefined && stratum === 'U') continue;
    if (!Number.isInteger(bp) || bp! < 0 || bp! > 10_000)
      return {
        field: `ratios.${stratum}`,
        zh: `${stratum}类抽查比例须为 0–100%`,
        en: `The ratio for class ${stratum} must be 0–100 %`,
      };
    for (const item of p.items) {
      if (item.item_type !== 'general') continue;
      const cap = generalCap(item);
      if (bp! > cap)
        return {
          field: `ratios.${stratum}`,
          zh: `一般检查事项「${item.name}」的抽查比例上限为 ${pct(cap)}，${stratum}类比例 ${pct(bp!)} 超出上限（重点检查事项不设上限）`,
          en: `General item "${item.name}" is capped at ${pct(cap)}; the ratio ${pct(bp!)} for class ${stratum} exceeds it (key items are not capped)`,
        };
    }
  }

  for (const [i, batch] of p.batches.entries()) {
    if (batch.endsOn < batch.startsOn || batch.startsOn < p.startsOn || batch.endsOn > p.endsOn)
      return {
        field: `batches.${i}`,
        zh: `批次「${batch.name}」的日期须在计划期内且结束不早于开始`,
        en: `Batch "${batch.name}" must lie within the plan's dates and end after it starts`,
      };
  }
  return null;
}

/** SQL LIKE prefixes for the industry filter: a 门类 letter stands for its 大类 codes. */
export function industryPrefixes(codes: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const raw of codes) {
    const found = industry(raw);
    if (!found) continue;
    if (found.level === 1) {
      for (const i of industries().values())
        if (i.level === 2 && i.section === found.code) prefixes.add(i.code);
    } else prefixes.add(found.code);
  }
  return [...prefixes].sort();
}
