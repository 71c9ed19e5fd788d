// The public portal's answers. Every response is built here from an explicit list of fields:
// nothing reaches the public because a column was added to a table. Never included: ID-card
// numbers, phones, people's names (inspectors, legal representatives, staff), internal notes,
// credit-risk classes, review reasons, evidence.
import type { Kysely } from 'kysely';
import { industry } from '../../core/codes/industry.ts';
import { regionFullName } from '../../core/codes/region.ts';
import { DISPOSITIONS, normaliseCodes, RESULT_CODES, resultCode } from '../../core/results/codes.ts';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { looksLikeCode } from '../entities/repo.ts';
import { itemFacets, listItems, type Reader } from '../items/repo.ts';
import { findPlanRow, planAmendments } from '../plans/repo.ts';
import { planView } from '../plans/service.ts';
import {
  entityByIdentifier,
  itemNames,
  listEntriesOf,
  listPublishedPlans,
  listResults,
  lookUpEntities,
  type PlanFilter,
  publishedPlanId,
  publishedYears,
  type ResultFilter,
  type ResultRow,
  resultStats,
  resultsSince,
  rootOrg,
} from './repo.ts';

export interface PageQuery {
  page: number;
  pageSize: number;
}

const DISPOSITION = new Map(DISPOSITIONS.map((d) => [d.code, d]));

/** A published result as the public sees it. */
function publicResult(row: ResultRow, items: Map<string, string>) {
  const disposition = row.disposition ? DISPOSITION.get(row.disposition) : undefined;
  return {
    id: row.id,
    entityName: row.entity_name,
    identifier: row.identifier,
    endedOn: row.ended_on,
    publishedAt: row.published_at,
    department: row.department,
    // Items of different levels may share a name: each name once.
    items: [...new Set(row.item_ids.map((id) => items.get(id)).filter((name) => name !== undefined))],
    codes: normaliseCodes(row.codes).map((code) => {
      const info = resultCode(code)!;
      return { code, zh: info.zh, en: info.en };
    }),
    disposition: disposition ? { code: disposition.code, zh: disposition.zh, en: disposition.en } : null,
    correctionDueOn: row.correction_due_on,
    taskCode: row.task_code,
    drawCode: row.draw_code,
  };
}

export type PublicResult = ReturnType<typeof publicResult>;

async function publicResults(db: Kysely<DB>, rows: ResultRow[]) {
  const items = await itemNames(db, [...new Set(rows.flatMap((r) => r.item_ids))]);
  return rows.map((r) => publicResult(r, items));
}

export async function results(db: Kysely<DB>, f: ResultFilter, page: PageQuery) {
  const { rows, total } = await listResults(db, f, page);
  return { total, rows: await publicResults(db, rows) };
}

/** A feed cursor: the last row's publication time and id, opaque to the reader. */
const encodeCursor = (row: ResultRow) =>
  Buffer.from(`${new Date(row.published_at!).toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string) {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const time = new Date(at);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(time.getTime())) {
    throw invalid(
      'after',
      '翻页标记无效，请从上一页返回的 next 继续',
      'Invalid cursor: use the "next" of the last page',
    );
  }
  return { at: time, id };
}

export async function feedPage(db: Kysely<DB>, since: string, after: string | undefined, limit: number) {
  const rows = await resultsSince(db, since, after ? decodeCursor(after) : undefined, limit);
  return {
    since,
    rows: await publicResults(db, rows),
    next: rows.length === limit ? encodeCursor(rows[rows.length - 1]) : null,
  };
}

/** Every result published since a date, page by page, for the CSV feed. */
export async function* feedRows(db: Kysely<DB>, since: string) {
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const rows = await resultsSince(db, since, after, 1000);
    yield* await publicResults(db, rows);
    if (rows.length < 1000) return;
    const last = rows[rows.length - 1];
    after = { at: new Date(last.published_at!), id: last.id };
  }
}

export const FEED_COLUMNS: readonly { header: string; value: (r: PublicResult) => string | null }[] = [
  { header: '企业名称', value: (r) => r.entityName },
  { header: '统一社会信用代码/注册号', value: (r) => r.identifier },
  { header: '检查日期', value: (r) => r.endedOn },
  { header: '公示日期', value: (r) => (r.publishedAt ? new Date(r.publishedAt).toISOString() : null) },
  { header: '检查部门', value: (r) => r.department },
  { header: '检查事项', value: (r) => r.items.join('；') },
  { header: '检查结果', value: (r) => r.codes.map((c) => c.zh).join('；') },
  { header: '结果代码', value: (r) => r.codes.map((c) => c.code).join(';') },
  { header: '后续处置', value: (r) => r.disposition?.zh ?? null },
  { header: '整改期限', value: (r) => r.correctionDueOn },
  { header: '任务编号', value: (r) => r.taskCode },
  { header: '抽取编号', value: (r) => r.drawCode },
];

export async function lookUp(db: Kysely<DB>, text: string) {
  const q = text.trim();
  if (!looksLikeCode(q.toUpperCase()) && [...q].length < 2) {
    throw invalid(
      'q',
      '请输入企业名称中的至少两个字，或完整的统一社会信用代码（18位）/注册号（15位）',
      'Type at least two characters of the name, or the full USCC (18) / registration number (15)',
    );
  }
  const LIMIT = 20;
  const rows = await lookUpEntities(db, q, LIMIT + 1);
  return {
    more: rows.length > LIMIT,
    rows: rows.slice(0, LIMIT).map((e) => ({
      identifier: e.identifier,
      name: e.name,
      kind: e.kind,
      status: e.status,
      region: regionFullName(e.region_code) ?? e.region_code,
      publishedCount: Number(e.published),
      abnormalListed: e.abnormal_listed,
    })),
  };
}

export async function business(db: Kysely<DB>, code: string) {
  const entity = await entityByIdentifier(db, code.trim().toUpperCase());
  if (!entity) throw notFound('企业', 'Business');
  const [inspections, entries] = await Promise.all([
    listResults(db, { entityId: entity.id }, { page: 1, pageSize: 200 }),
    listEntriesOf(db, entity.id),
  ]);
  return {
    identifier: entity.identifier,
    name: entity.name,
    kind: entity.kind,
    status: entity.status,
    registeredOn: entity.registered_on,
    address: entity.reg_address,
    region: regionFullName(entity.region_code) ?? entity.region_code,
    industry: entity.industry_code ? (industry(entity.industry_code)?.name ?? null) : null,
    inspections: await publicResults(db, inspections.rows),
    listEntries: entries.map((l) => ({
      list: l.list,
      causeText: l.cause_text,
      listedOn: l.listed_on,
      removedOn: l.removed_on,
      removalReason: l.removal_reason,
      department: l.department,
    })),
  };
}

export async function stats(db: Kysely<DB>, year: number | undefined) {
  const years = await publishedYears(db);
  // Without a year asked for: the newest year with published results, or this year.
  const chosen = year ?? years[0] ?? new Date().getFullYear();
  const s = await resultStats(db, chosen);
  const byCode = new Map(s.byCode.map((c) => [c.code, Number(c.n)]));
  return {
    year: chosen,
    years,
    totals: {
      published: Number(s.totals.published),
      withProblems: Number(s.totals.with_problems),
      entities: Number(s.totals.entities),
      departments: Number(s.totals.departments),
    },
    byDepartment: s.byDepartment.map((d) => ({
      department: d.department,
      n: Number(d.n),
      withProblems: Number(d.with_problems),
    })),
    byCode: RESULT_CODES.filter((c) => byCode.has(c.code)).map((c) => ({
      code: c.code,
      zh: c.zh,
      en: c.en,
      n: byCode.get(c.code)!,
    })),
    byMonth: s.byMonth.map((m) => ({
      month: m.month,
      n: Number(m.n),
      withProblems: Number(m.with_problems),
    })),
  };
}

async function everyone(db: Kysely<DB>): Promise<Reader> {
  const root = await rootOrg(db);
  return { orgPath: root.path, regionCode: root.region_code, orgLevel: 'city' };
}

export interface PublicItemFilter {
  year?: number;
  department?: string;
  itemType?: 'general' | 'key';
  joint?: boolean;
  q?: string;
}

export async function items(db: Kysely<DB>, f: PublicItemFilter, page: PageQuery) {
  const reader = await everyone(db);
  const { rows, total } = await listItems(db, { ...f, reader }, { ...page, sort: 'seq', desc: false });
  return {
    total,
    rows: rows.map((i) => ({
      id: i.id,
      code: i.code,
      year: i.year,
      seq: i.seq,
      department: i.department,
      ownerDepartment: i.owner_department,
      category: i.category,
      name: i.name,
      target: i.target,
      itemType: i.item_type,
      methods: i.methods,
      subject: i.subject,
      legalBasis: i.legal_basis,
      ratioBp: i.ratio_bp,
      frequency: i.frequency,
      level: i.level,
      isJoint: i.is_joint,
      field: i.field,
      initiatingDepartment: i.initiating_department,
      cooperatingDepartments: i.cooperating_departments,
      orgName: i.org_name,
      checklistVersion: i.checklist_version,
    })),
  };
}

export async function itemListFacets(db: Kysely<DB>, year: number | undefined) {
  const facets = await itemFacets(db, await everyone(db), year);
  return { years: facets.years, departments: facets.departments.map((d) => d.name) };
}

export async function plans(db: Kysely<DB>, f: PlanFilter, page: PageQuery) {
  const { rows, total } = await listPublishedPlans(db, f, page);
  return {
    total,
    rows: rows.map((p) => ({
      id: p.id,
      code: p.code,
      year: p.year,
      name: p.name,
      orgName: p.org_name,
      kind: p.kind,
      departments: [p.org_name, ...p.cooperating],
      directed: p.directed,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      publishedAt: p.published_at,
      itemCount: Number(p.item_count),
      amendmentCount: Number(p.amendment_count),
    })),
  };
}

/** The fields of an amendment's before/after that differ, top level. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

export async function plan(db: Kysely<DB>, idOrCode: string) {
  const found = await publishedPlanId(db, idOrCode);
  const row = found && (await findPlanRow(db, found.id));
  if (!row) throw notFound('计划', 'Plan');
  const [view, amendments] = await Promise.all([planView(db, row), planAmendments(db, row.id)]);
  return {
    id: view.id,
    code: view.code,
    year: view.year,
    name: view.name,
    orgName: view.orgName,
    kind: view.kind,
    departments: view.departments,
    directed: view.directed,
    scope: view.scope,
    ratios: view.ratios,
    alternatesBp: view.alternatesBp,
    byDistrict: view.byDistrict,
    teamSize: view.teamSize,
    crossOffice: view.crossOffice,
    excludeRecentMonths: view.excludeRecentMonths,
    startsOn: view.startsOn,
    endsOn: view.endsOn,
    filedAt: view.filedAt,
    publishedAt: view.publishedAt,
    items: view.items.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      itemType: i.itemType,
      ratioBp: i.ratioBp,
      orgName: i.orgName,
    })),
    batches: view.batches,
    amendments: amendments.map((a) => ({
      seq: a.seq,
      reason: a.reason,
      at: a.created_at,
      changes: changedFields(a.before as Record<string, unknown>, a.after as Record<string, unknown>),
    })),
  };
}
