// Rules for the business directory: who may see and change which businesses (region scope), what
// a valid record is (codes, region, industry, tags), and that nothing is ever deleted — a business
// leaves the directory and may come back, with every change audited.
import {
  checkRegistrationNumber,
  checkUscc,
  industry,
  isKnownRegion,
  region,
  regionFullName,
} from '../../core/codes/index.ts';
import { parseDate, parsePhone } from '../../core/import/cells.ts';
import type { Database } from '../../db/connection.ts';
import type { EntityKind, EntityStatus } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { type CurrentUser, inRegionScope } from '../auth/access.ts';
import { scoreHistory } from '../credit/repo.ts';
import { tasksOfEntity } from '../draws/repo.ts';
import { listEntriesOf } from '../followups/lists.ts';
import { resultsOfEntity } from '../inspections/service.ts';
import * as repo from './repo.ts';

export const ENTITY_KINDS: readonly EntityKind[] = ['enterprise', 'individual', 'cooperative', 'other'];
export const ENTITY_STATUSES: readonly EntityStatus[] = [
  'active',
  'deregistered',
  'revoked',
  'cancelled',
  'moved_out',
];
export const KIND_NAMES: Record<EntityKind, string> = {
  enterprise: '企业',
  individual: '个体工商户',
  cooperative: '农民专业合作社',
  other: '其他',
};
export const STATUS_NAMES: Record<EntityStatus, string> = {
  active: '存续',
  deregistered: '注销',
  revoked: '吊销',
  cancelled: '撤销',
  moved_out: '迁出',
};

const actorOf = (user: CurrentUser) => ({ id: user.id, name: user.username });

export interface EntityInput {
  uscc?: string | null;
  regNo?: string | null;
  name: string;
  kind: EntityKind;
  legalRep?: string | null;
  regAddress?: string | null;
  bizAddress?: string | null;
  regionCode: string;
  industryCode?: string | null;
  registeredOn?: string | null;
  status: EntityStatus;
  capitalWan?: string | null;
  phone?: string | null;
  tags?: string[];
}

const blank = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/** A business in the user's region, or 404/403. */
export async function entityInScope(database: Database, user: CurrentUser, id: string) {
  const entity = await repo.findEntity(database.db, id);
  if (!entity) throw notFound('市场主体', 'Business');
  if (!inRegionScope(user, entity.region_code)) throw forbidden();
  return entity;
}

/** The columns of a valid input, or an error naming the field. */
async function validated(database: Database, user: CurrentUser, input: EntityInput) {
  const usccText = blank(input.uscc)?.toUpperCase() ?? null;
  const regText = blank(input.regNo) ?? null;
  if (!usccText && !regText) {
    throw invalid('uscc', '统一社会信用代码和注册号至少填写一项', 'Give a USCC or a registration number');
  }
  let uscc: string | null = null;
  if (usccText) {
    const check = checkUscc(usccText);
    if (!check.ok) throw invalid('uscc', check.message, 'The USCC is not valid');
    uscc = check.code;
  }
  let regNo: string | null = null;
  if (regText) {
    const check = checkRegistrationNumber(regText);
    if (!check.ok) throw invalid('regNo', check.message, 'The registration number is not valid');
    regNo = check.code;
  }
  const name = input.name.trim();
  if (!name) throw invalid('name', '名称不能为空', 'The name is required');
  if (!isKnownRegion(input.regionCode)) {
    throw invalid('regionCode', `行政区划代码“${input.regionCode}”不在 GB/T 2260 中`, 'Unknown region code');
  }
  if (!inRegionScope(user, input.regionCode)) {
    throw invalid('regionCode', '行政区划不在您的管辖范围内', 'The region is outside your scope');
  }
  const industryCode = blank(input.industryCode);
  if (industryCode && !industry(industryCode)) {
    throw invalid(
      'industryCode',
      `行业代码“${industryCode}”不是 GB/T 4754-2017 中的代码`,
      'Unknown industry code',
    );
  }
  const registeredOn = blank(input.registeredOn);
  if (registeredOn && parseDate(registeredOn) !== registeredOn) {
    throw invalid('registeredOn', '成立日期应为 YYYY-MM-DD 格式的有效日期', 'Use a valid YYYY-MM-DD date');
  }
  const capital = blank(input.capitalWan);
  if (capital && !/^\d{1,16}(\.\d{1,4})?$/.test(capital)) {
    throw invalid(
      'capitalWan',
      '注册资本应为以万元计的金额，最多4位小数',
      'Capital in 万元, up to 4 decimals',
    );
  }
  const phoneText = blank(input.phone);
  const phone = phoneText ? parsePhone(phoneText) : undefined;
  if (phoneText && !phone) throw invalid('phone', '联系电话格式不正确', 'The phone number is not valid');
  const tags = [...new Set(input.tags ?? [])];
  if (tags.length) {
    const known = new Set((await repo.entityTags(database.db)).map((t) => t.name));
    const unknown = tags.find((t) => !known.has(t));
    if (unknown) throw invalid('tags', `专项库“${unknown}”不存在`, `Unknown tag ${unknown}`);
  }
  return {
    uscc,
    reg_no: regNo,
    identifier: (uscc ?? regNo) as string,
    name,
    kind: input.kind,
    legal_rep: blank(input.legalRep),
    reg_address: blank(input.regAddress),
    biz_address: blank(input.bizAddress),
    region_code: input.regionCode,
    industry_code: industryCode,
    registered_on: registeredOn,
    status: input.status,
    capital_wan: capital,
    phone: phone ?? null,
    tags,
  };
}

async function ensureCodesFree(database: Database, codes: (string | null)[], except?: string) {
  for (const code of codes) {
    if (!code) continue;
    const taken = (await repo.findByCode(database.db, code)).find((e) => e.id !== except);
    if (taken) {
      throw conflict(
        `代码 ${code} 已属于市场主体“${taken.name}”`,
        `Code ${code} already belongs to ${taken.identifier}`,
        code.length === 15 ? 'regNo' : 'uscc',
      );
    }
  }
}

export async function createEntity(database: Database, user: CurrentUser, input: EntityInput) {
  const values = await validated(database, user, input);
  await ensureCodesFree(database, [values.uscc, values.reg_no]);
  return database.transaction(async ({ db }) => {
    const { id } = await db
      .insertInto('entity')
      .values({ ...values, org_id: user.orgId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(user), {
      action: 'entity.created',
      subjectType: 'entity',
      subjectId: id,
      orgId: user.orgId,
      after: values,
    });
    return { id };
  });
}

export async function updateEntity(database: Database, user: CurrentUser, id: string, input: EntityInput) {
  const before = await entityInScope(database, user, id);
  const values = await validated(database, user, input);
  // Codes identify a business: a missing one may be added, a present one never changes.
  if (before.uscc && values.uscc !== before.uscc) {
    throw invalid('uscc', '统一社会信用代码登记后不能修改', 'A recorded USCC cannot change');
  }
  if (before.reg_no && values.reg_no !== before.reg_no) {
    throw invalid('regNo', '注册号登记后不能修改', 'A recorded registration number cannot change');
  }
  await ensureCodesFree(database, [values.uscc, values.reg_no], id);
  const changed = Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before]),
    ),
  );
  if (!Object.keys(changed).length) return { changed: [] };
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('entity')
      .set({ ...changed, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'entity.updated',
      subjectType: 'entity',
      subjectId: id,
      orgId: before.org_id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])),
      after: changed,
    });
  });
  return { changed: Object.keys(changed) };
}

/** Removes a business from the directory (never deletes it: draws and results refer to it), or restores it. */
export async function setInDirectory(
  database: Database,
  user: CurrentUser,
  id: string,
  inDirectory: boolean,
  reason: string,
) {
  const before = await entityInScope(database, user, id);
  if (before.in_directory === inDirectory) return;
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('entity')
      .set({ in_directory: inDirectory, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: inDirectory ? 'entity.restored' : 'entity.removed',
      subjectType: 'entity',
      subjectId: id,
      orgId: before.org_id,
      before: { in_directory: before.in_directory },
      after: { in_directory: inDirectory, reason },
    });
  });
}

/** The detail page: the record with its region, industry and tag names. */
export async function entityDetail(database: Database, user: CurrentUser, id: string) {
  const entity = await entityInScope(database, user, id);
  const tags = await repo.entityTags(database.db);
  return {
    ...entity,
    region_name: regionFullName(entity.region_code) ?? region(entity.region_code)?.name ?? null,
    industry_name: entity.industry_code ? (industry(entity.industry_code)?.name ?? null) : null,
    tag_details: entity.tags.map(
      (name) =>
        tags.find((t) => t.name === name) ?? { name, required_qualification: null, requires_expert: false },
    ),
  };
}

/**
 * The history tabs. Inspections, results, list entries and credit classes over time come with the
 * plans, results and credit modules; until then they are empty, and the current state is shown.
 */
export async function entityHistory(database: Database, user: CurrentUser, id: string) {
  const entity = await entityInScope(database, user, id);
  const db = database.db;
  const [tasks, results, entries, scores, changes] = await Promise.all([
    tasksOfEntity(db, id),
    resultsOfEntity(database, id),
    listEntriesOf(db, id),
    scoreHistory(db, id, 24),
    repo.entityChanges(db, id),
  ]);
  return {
    inspections: tasks.map((t) => ({
      taskCode: t.code,
      status: t.status,
      statusReason: t.status_reason,
      createdAt: t.created_at,
      department: t.org_name,
      planCode: t.plan_code,
      planName: t.plan_name,
      drawCode: t.draw_code,
      inspectionStatuses: t.inspection_statuses ?? [],
    })),
    results,
    lists: [
      ...entries.map((e) => ({
        list: e.list,
        cause: e.cause_text,
        listedOn: e.listed_on,
        removedOn: e.removed_on,
        removalReason: e.removal_reason,
        department: e.org_name,
      })),
      // The serious-violation list is kept outside the platform; only its flag is known here.
      ...(entity.serious_listed
        ? [
            {
              list: 'serious',
              cause: null,
              listedOn: null,
              removedOn: null,
              removalReason: null,
              department: null,
            },
          ]
        : []),
    ],
    creditClasses: scores.map((s) => ({
      class: s.class,
      score: s.score,
      asOf: s.as_of,
      kind: s.kind,
      modelVersion: s.model_version,
    })),
    changes,
  };
}
