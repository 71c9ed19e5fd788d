// Rules for the item list: who reads (organisations at, below and above the caller) and who writes
// (the coordinator, department and system administrators, in their subtree); what a valid item is;
// yearly versions that keep the item's code; checklists edited as drafts and published as versions.
import { sql } from 'kysely';
import {
  type ChecklistContent,
  checklistProblem,
  normalisedChecklist,
} from '../../core/checklist/content.ts';
import type { Database } from '../../db/connection.ts';
import type { ItemLevel, ItemType } from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';
import { NEW_ITEM_CODE } from '../imports/merge-repo.ts';
import * as repo from './repo.ts';

export const ITEM_TYPES: readonly ItemType[] = ['general', 'key'];
export const ITEM_LEVELS: readonly ItemLevel[] = ['province', 'city', 'district', 'street'];
export const TYPE_NAMES: Record<ItemType, string> = { general: '一般检查事项', key: '重点检查事项' };
export const LEVEL_NAMES: Record<ItemLevel, string> = {
  province: '省级',
  city: '市级',
  district: '区级',
  street: '街道',
};
/** Shenzhen's A class: a general item is drawn at most 10 % a year; key items have no cap. */
export const GENERAL_RATIO_CAP_BP = 1000;

const actorOf = (user: CurrentUser) => ({ id: user.id, name: user.username });

type ItemRow = NonNullable<Awaited<ReturnType<typeof repo.findItem>>>;

const LEVEL_RANK = { city: 0, district: 1, street: 2 } as const;

/** Mirrors `readableItems` in repo.ts: own subtree, ancestors, and higher levels' lists for the region. */
export function itemReadable(
  user: Pick<CurrentUser, 'orgPath' | 'regionCode' | 'orgLevel'>,
  org: { org_path: string; org_level: 'city' | 'district' | 'street'; org_region_code: string },
): boolean {
  if (org.org_path.startsWith(user.orgPath) || user.orgPath.startsWith(org.org_path)) return true;
  if (LEVEL_RANK[org.org_level] >= LEVEL_RANK[user.orgLevel]) return false;
  const prefix = org.org_level === 'city' ? org.org_region_code.slice(0, 4) : org.org_region_code;
  return user.regionCode.startsWith(prefix);
}

export const readerOf = (user: CurrentUser): repo.Reader => ({
  orgPath: user.orgPath,
  regionCode: user.regionCode,
  orgLevel: user.orgLevel,
});

/** An item the caller may read, or 404/403. */
export async function readableItem(database: Database, user: CurrentUser, id: string): Promise<ItemRow> {
  const item = await repo.findItem(database.db, id);
  if (!item) throw notFound('检查事项', 'Inspection item');
  if (!itemReadable(user, item)) throw forbidden();
  return item;
}

/** An item the caller may change: in their own subtree. */
export async function writableItem(database: Database, user: CurrentUser, id: string): Promise<ItemRow> {
  const item = await readableItem(database, user, id);
  if (!item.org_path.startsWith(user.orgPath)) {
    throw new DomainError(
      403,
      'forbidden',
      '该事项由上级单位维护，您只能查看',
      'A higher level maintains this item',
    );
  }
  return item;
}

export interface ItemInput {
  year: number;
  code?: string | null;
  ownerDepartment: string;
  category: string;
  name: string;
  target: string;
  itemType: ItemType;
  methods: string[];
  subject: string;
  legalBasis: string;
  ratioBp?: number | null;
  frequency?: string | null;
  level?: ItemLevel | null;
  isJoint?: boolean;
  field?: string | null;
  initiatingDepartment?: string | null;
  cooperatingDepartments?: string[];
  requiredQualification?: string | null;
  seq?: number | null;
}

const blank = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
const list = (values: string[] | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim()).filter(Boolean)),
];

async function validated(database: Database, input: ItemInput) {
  const required = (field: string, value: string, zh: string) => {
    if (!value.trim()) throw invalid(field, `${zh}不能为空`, `${field} is required`);
    return value.trim();
  };
  const isJoint = input.isJoint ?? false;
  const values = {
    year: input.year,
    owner_department: required('ownerDepartment', input.ownerDepartment, '编制单位'),
    category: required('category', input.category, '抽查类别'),
    name: required('name', input.name, '抽查事项'),
    target: required('target', input.target, '检查对象'),
    item_type: input.itemType,
    methods: list(input.methods),
    subject: isJoint ? input.subject.trim() : required('subject', input.subject, '检查主体'),
    legal_basis: isJoint ? input.legalBasis.trim() : required('legalBasis', input.legalBasis, '检查依据'),
    ratio_bp: input.ratioBp ?? null,
    frequency: blank(input.frequency),
    level: input.level ?? null,
    is_joint: isJoint,
    field: isJoint ? blank(input.field) : null,
    initiating_department: isJoint ? blank(input.initiatingDepartment) : null,
    cooperating_departments: isJoint ? list(input.cooperatingDepartments) : [],
    required_qualification: blank(input.requiredQualification),
    seq: input.seq ?? null,
  };
  if (!values.methods.length && !isJoint)
    throw invalid('methods', '请至少选择一种检查方式', 'Choose at least one method');
  if (values.item_type === 'general' && values.ratio_bp !== null && values.ratio_bp > GENERAL_RATIO_CAP_BP) {
    throw invalid(
      'ratioBp',
      '一般检查事项的抽查比例不超过10%；需要更高比例请设为重点检查事项',
      'A general item is drawn at most 10 %',
    );
  }
  if (isJoint) {
    if (!values.field) throw invalid('field', '联合抽查事项需要抽查领域', 'A joint item needs its field');
    if (!values.initiating_department) {
      throw invalid(
        'initiatingDepartment',
        '联合抽查事项需要发起部门',
        'A joint item needs its initiating department',
      );
    }
    if (!values.cooperating_departments.length) {
      throw invalid(
        'cooperatingDepartments',
        '联合抽查事项至少需要一个配合部门',
        'Add at least one cooperating department',
      );
    }
  }
  const owner = await database.db
    .selectFrom('org')
    .select(['id', 'department'])
    .where((eb) =>
      eb.or([eb('name', '=', values.owner_department), eb('short_name', '=', values.owner_department)]),
    )
    .execute();
  const code = blank(input.code)?.toUpperCase() ?? null;
  if (code && !/^[0-9A-Z-]{2,40}$/.test(code))
    throw invalid('code', '事项编码只能包含字母、数字和“-”', 'Letters, digits and - only');
  return {
    ...values,
    code,
    owner_org_id: owner.length === 1 ? owner[0].id : null,
    department: owner.length === 1 ? owner[0].department : null,
  };
}

type Values = Awaited<ReturnType<typeof validated>>;

/** The same item of the same year's list: department, category, name and target (or joint key). */
async function sameItem(database: Database, values: Values, except?: string) {
  let query = database.db
    .selectFrom('inspection_item')
    .select(['id', 'code'])
    .where('year', '=', values.year)
    .where('is_joint', '=', values.is_joint)
    .where('name', '=', values.name);
  query = values.is_joint
    ? query.where('initiating_department', '=', values.initiating_department)
    : query
        .where('owner_department', '=', values.owner_department)
        .where('category', '=', values.category)
        .where('target', '=', values.target);
  const found = await query.execute();
  return found.find((f) => f.id !== except);
}

async function codeTaken(database: Database, year: number, code: string, except?: string) {
  const taken = await database.db
    .selectFrom('inspection_item')
    .select(['id', 'name'])
    .where('year', '=', year)
    .where('code', '=', code)
    .executeTakeFirst();
  if (taken && taken.id !== except) {
    throw conflict(`事项编码 ${code} 已用于“${taken.name}”`, `Code ${code} is taken this year`, 'code');
  }
}

export async function createItem(database: Database, user: CurrentUser, input: ItemInput) {
  const values = await validated(database, input);
  if (await sameItem(database, values)) {
    throw conflict(
      '同一年度清单中已有相同编制单位、类别、名称和对象的事项',
      'The item is already in this year’s list',
      'name',
    );
  }
  if (values.code) await codeTaken(database, values.year, values.code);
  return database.transaction(async ({ db }) => {
    const { id, code } = await db
      .insertInto('inspection_item')
      .values({ ...values, code: values.code ?? sql<string>`${sql.raw(NEW_ITEM_CODE)}`, org_id: user.orgId })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(user), {
      action: 'item.created',
      subjectType: 'inspection_item',
      subjectId: id,
      orgId: user.orgId,
      after: { ...values, code },
    });
    return { id, code };
  });
}

export async function updateItem(database: Database, user: CurrentUser, id: string, input: ItemInput) {
  const before = await writableItem(database, user, id);
  const values = await validated(database, { ...input, year: before.year });
  if (await sameItem(database, values, id)) {
    throw conflict(
      '同一年度清单中已有相同编制单位、类别、名称和对象的事项',
      'The item is already in this year’s list',
      'name',
    );
  }
  const patch: Record<string, unknown> = { ...values };
  if (values.code) await codeTaken(database, before.year, values.code, id);
  else delete patch.code;
  const stored = before as unknown as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(stored[k] ?? null)),
  );
  if (!Object.keys(changed).length) return { changed: [] };
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('inspection_item')
      .set({ ...changed, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'item.updated',
      subjectType: 'inspection_item',
      subjectId: id,
      orgId: before.org_id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, stored[k] ?? null])),
      after: changed,
    });
  });
  return { changed: Object.keys(changed) };
}

export async function setActive(
  database: Database,
  user: CurrentUser,
  id: string,
  active: boolean,
  reason: string,
) {
  const before = await writableItem(database, user, id);
  if (before.active === active) return;
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('inspection_item')
      .set({ active, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: active ? 'item.reactivated' : 'item.deactivated',
      subjectType: 'inspection_item',
      subjectId: id,
      orgId: before.org_id,
      before: { active: before.active },
      after: { active, reason },
    });
  });
}

/**
 * Copies the caller's items of one year into the next year's list (a new yearly version), keeping
 * each item's code and its published checklist. Items already in the target year are left alone.
 */
export async function copyYear(database: Database, user: CurrentUser, from: number, to: number) {
  if (to <= from) throw invalid('to', '目标年度应晚于源年度', 'Copy to a later year');
  return database.transaction(async ({ db }) => {
    const { rows } = await sql<{ id: string; source: string }>`
      insert into inspection_item (code, year, owner_department, owner_org_id, department, category, name, target,
        item_type, methods, subject, legal_basis, ratio_bp, frequency, level, is_joint, field, initiating_department,
        cooperating_departments, required_qualification, seq, org_id)
      select i.code, ${to}, i.owner_department, i.owner_org_id, i.department, i.category, i.name, i.target,
        i.item_type, i.methods, i.subject, i.legal_basis, i.ratio_bp, i.frequency, i.level, i.is_joint, i.field,
        i.initiating_department, i.cooperating_departments, i.required_qualification, i.seq, i.org_id
      from inspection_item i
      where i.year = ${from} and i.active
        and i.org_id in (select id from org where path like ${`${user.orgPath}%`})
        and not exists (select 1 from inspection_item t where t.year = ${to} and t.code = i.code)
      on conflict do nothing
      returning id, (select s.id from inspection_item s where s.year = ${from} and s.code = inspection_item.code) as source`.execute(
      db,
    );
    for (const { id, source } of rows) {
      await sql`insert into checklist (item_id, version, status, content, note, created_by, published_at)
        select ${id}, 1, 'published', content, ${`由${from}年度第 `}::text || version::text || ' 版复制', ${user.id}, now()
        from checklist where item_id = ${source} and status = 'published'`.execute(db);
    }
    await appendAudit(db, actorOf(user), {
      action: 'item.year_copied',
      subjectType: 'inspection_item',
      orgId: user.orgId,
      after: { from, to, items: rows.length },
    });
    return { copied: rows.length };
  });
}

// --- Checklists -----------------------------------------------------------------------------

function checkContent(content: ChecklistContent): ChecklistContent {
  const problem = checklistProblem(content);
  if (problem) throw invalid(`content.${problem.path}`, problem.message, problem.messageEn);
  return normalisedChecklist(content);
}

/** Saves the item's draft checklist, creating it (as the next version) when there is none. */
export async function saveDraft(
  database: Database,
  user: CurrentUser,
  itemId: string,
  input: { content: ChecklistContent; note?: string },
) {
  const item = await writableItem(database, user, itemId);
  const content = checkContent(input.content);
  return database.transaction(async ({ db }) => {
    const draft = await db
      .selectFrom('checklist')
      .select(['id', 'version'])
      .where('item_id', '=', itemId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    let version: number;
    if (draft) {
      version = draft.version;
      await db
        .updateTable('checklist')
        .set({ content: JSON.stringify(content), note: input.note ?? '', updated_at: new Date() })
        .where('id', '=', draft.id)
        .execute();
    } else {
      const last = await db
        .selectFrom('checklist')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('item_id', '=', itemId)
        .executeTakeFirst();
      version = Number(last?.v ?? 0) + 1;
      await db
        .insertInto('checklist')
        .values({
          item_id: itemId,
          version,
          content: JSON.stringify(content),
          note: input.note ?? '',
          created_by: user.id,
        })
        .execute();
    }
    await appendAudit(db, actorOf(user), {
      action: 'checklist.draft_saved',
      subjectType: 'inspection_item',
      subjectId: itemId,
      orgId: item.org_id,
      after: { version },
    });
    return { version };
  });
}

/** Publishes the draft: it becomes the version new inspections use, and the previous one retires. */
export async function publishDraft(database: Database, user: CurrentUser, itemId: string) {
  const item = await writableItem(database, user, itemId);
  return database.transaction(async ({ db }) => {
    const draft = await db
      .selectFrom('checklist')
      .select(['id', 'version', 'content'])
      .where('item_id', '=', itemId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (!draft) throw new DomainError(409, 'conflict', '没有待发布的草稿', 'There is no draft to publish');
    checkContent(draft.content as ChecklistContent);
    await db
      .updateTable('checklist')
      .set({ status: 'retired', updated_at: new Date() })
      .where('item_id', '=', itemId)
      .where('status', '=', 'published')
      .execute();
    await db
      .updateTable('checklist')
      .set({ status: 'published', published_at: new Date(), updated_at: new Date() })
      .where('id', '=', draft.id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'checklist.published',
      subjectType: 'inspection_item',
      subjectId: itemId,
      orgId: item.org_id,
      after: { version: draft.version, checklist: draft.id },
    });
    return { version: draft.version, id: draft.id };
  });
}

/** Drops an unpublished draft: no inspection can have used it. */
export async function discardDraft(database: Database, user: CurrentUser, itemId: string) {
  const item = await writableItem(database, user, itemId);
  await database.transaction(async ({ db }) => {
    const gone = await db
      .deleteFrom('checklist')
      .where('item_id', '=', itemId)
      .where('status', '=', 'draft')
      .returning('version')
      .executeTakeFirst();
    if (!gone) throw new DomainError(409, 'conflict', '没有草稿', 'There is no draft');
    await appendAudit(db, actorOf(user), {
      action: 'checklist.draft_discarded',
      subjectType: 'inspection_item',
      subjectId: itemId,
      orgId: item.org_id,
      after: { version: gone.version },
    });
  });
}

export async function itemDetail(database: Database, user: CurrentUser, id: string) {
  const item = await readableItem(database, user, id);
  const { org_path: _path, org_level: _level, org_region_code: _region, ...row } = item;
  return {
    ...row,
    writable: item.org_path.startsWith(user.orgPath) && user.role !== 'inspector' && user.role !== 'reviewer',
    checklists: await repo.checklistVersions(database.db, id),
    changes: await repo.itemChanges(database.db, id),
  };
}

export async function checklistVersion(database: Database, user: CurrentUser, id: string, version: number) {
  await readableItem(database, user, id);
  const checklist = await repo.findChecklist(database.db, id, version);
  if (!checklist) throw notFound('检查表单版本', 'Checklist version');
  return checklist;
}
