// Rules for the inspector directory: scope by organisation subtree, ID-card numbers only for the
// administrators of the inspector's own department, validated records, no deletions (a draw may
// have picked the inspector): an inspector is suspended, and a conflict is withdrawn.
import { sql } from 'kysely';
import { idCardProblem } from '../../core/codes/index.ts';
import { parseDate, parsePhone } from '../../core/import/cells.ts';
import type { Database } from '../../db/connection.ts';
import type { InspectorStatus } from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';
import { findOrg } from '../orgs/repo.ts';
import * as repo from './repo.ts';

export const INSPECTOR_STATUSES: readonly InspectorStatus[] = ['on_duty', 'suspended', 'on_leave'];
export const STATUS_NAMES: Record<InspectorStatus, string> = {
  on_duty: '在岗',
  suspended: '停用',
  on_leave: '休假',
};
export const CONFLICT_KINDS = ['kin', 'former_employer', 'shares', 'other'] as const;
export const CONFLICT_NAMES: Record<(typeof CONFLICT_KINDS)[number], string> = {
  kin: '亲属关系',
  former_employer: '曾任职',
  shares: '持股',
  other: '其他',
};

const actorOf = (user: CurrentUser) => ({ id: user.id, name: user.username });

/** The department whose inspectors' ID cards the user may see: admins of a department only. */
export const idCardDepartment = (user: CurrentUser): string | null =>
  user.role === 'admin' || user.role === 'dept_admin' ? user.department : null;

export async function inspectorInScope(database: Database, user: CurrentUser, id: string) {
  const inspector = await repo.findInspector(database.db, id, idCardDepartment(user));
  if (!inspector) throw notFound('检查人员', 'Inspector');
  if (!inspector.org_path.startsWith(user.orgPath)) throw forbidden();
  return inspector;
}

/** The record as the caller may see it: the ID-card field is absent, not empty, when hidden. */
export function present<R extends { id_card: string | null; department: string | null }>(
  user: CurrentUser,
  row: R,
) {
  const { id_card, ...rest } = row;
  return idCardDepartment(user) && row.department === idCardDepartment(user) ? { ...rest, id_card } : rest;
}

export interface InspectorInput {
  name: string;
  certNo: string;
  certExpiresOn?: string | null;
  orgId: string;
  officeId?: string | null;
  qualifications?: string[];
  isExpert?: boolean;
  isLeader?: boolean;
  status: InspectorStatus;
  idCard?: string | null;
  phone?: string | null;
}

const blank = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

async function validated(database: Database, user: CurrentUser, input: InspectorInput) {
  const name = input.name.trim();
  if (!name) throw invalid('name', '姓名不能为空', 'The name is required');
  const certNo = input.certNo.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-Z-]{4,30}$/.test(certNo)) {
    throw invalid(
      'certNo',
      '执法证号应为4–30位字母或数字',
      'A certificate number has 4–30 letters or digits',
    );
  }
  const expires = blank(input.certExpiresOn);
  if (expires && parseDate(expires) !== expires) {
    throw invalid(
      'certExpiresOn',
      '执法证有效期应为 YYYY-MM-DD 格式的有效日期',
      'Use a valid YYYY-MM-DD date',
    );
  }
  const org = await findOrg(database.db, input.orgId);
  if (!org?.path.startsWith(user.orgPath)) {
    throw invalid('orgId', '所属部门不存在或不在您的管理范围内', 'Unknown department or outside your scope');
  }
  if (org.kind !== 'department') throw invalid('orgId', '所属单位应为部门', 'Choose a department');
  let region = org.region_code;
  const officeId = blank(input.officeId);
  if (officeId) {
    const office = await findOrg(database.db, officeId);
    if (office?.kind !== 'office' || office.parent_id !== org.id) {
      throw invalid('officeId', '所属所应为该部门下的派出机构', 'The office must belong to the department');
    }
    region = office.region_code;
  }
  const idCard = blank(input.idCard)?.toUpperCase() ?? null;
  if (idCard) {
    if (idCardDepartment(user) !== org.department) {
      throw invalid(
        'idCard',
        '只有本部门的管理员可以登记身份证号',
        'Only the department’s administrators record ID cards',
      );
    }
    const problem = idCardProblem(idCard);
    if (problem) throw invalid('idCard', problem, 'The ID card number is not valid');
  }
  const phoneText = blank(input.phone);
  const phone = phoneText ? parsePhone(phoneText) : undefined;
  if (phoneText && !phone) throw invalid('phone', '联系电话格式不正确', 'The phone number is not valid');
  const qualifications = [...new Set((input.qualifications ?? []).map((q) => q.trim()).filter(Boolean))];
  return {
    name,
    cert_no: certNo,
    cert_expires_on: expires,
    org_id: org.id,
    office_id: officeId,
    region_code: region,
    qualifications,
    is_expert: input.isExpert ?? false,
    is_leader: input.isLeader ?? false,
    status: input.status,
    id_card: idCard,
    phone: phone ?? null,
  };
}

/** Audit payloads never carry ID-card numbers, only whether one changed. */
const auditable = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, k === 'id_card' ? (v ? '（已登记）' : null) : v]),
  );

async function ensureCertFree(database: Database, certNo: string, except?: string) {
  const taken = await database.db
    .selectFrom('inspector')
    .select(['id', 'name'])
    .where('cert_no', '=', certNo)
    .executeTakeFirst();
  if (taken && taken.id !== except) {
    throw conflict(`执法证号 ${certNo} 已登记给“${taken.name}”`, `Certificate ${certNo} is taken`, 'certNo');
  }
}

export async function createInspector(database: Database, user: CurrentUser, input: InspectorInput) {
  const values = await validated(database, user, input);
  await ensureCertFree(database, values.cert_no);
  return database.transaction(async ({ db }) => {
    const { id } = await db.insertInto('inspector').values(values).returning('id').executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(user), {
      action: 'inspector.created',
      subjectType: 'inspector',
      subjectId: id,
      orgId: values.org_id,
      after: auditable(values),
    });
    return { id };
  });
}

export async function updateInspector(
  database: Database,
  user: CurrentUser,
  id: string,
  input: InspectorInput,
) {
  const before = await inspectorInScope(database, user, id);
  const values = await validated(database, user, input);
  await ensureCertFree(database, values.cert_no, id);
  // An ID card the caller cannot see is kept as it is.
  const visible = 'id_card' in present(user, before);
  const patch: Record<string, unknown> = { ...values };
  if (!visible || (values.id_card === null && input.idCard === undefined)) delete patch.id_card;
  const stored = before as unknown as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(patch).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(stored[key] ?? null),
    ),
  );
  if (!Object.keys(changed).length) return { changed: [] };
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('inspector')
      .set({ ...changed, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'inspector.updated',
      subjectType: 'inspector',
      subjectId: id,
      orgId: before.org_id,
      before: auditable(Object.fromEntries(Object.keys(changed).map((k) => [k, stored[k] ?? null]))),
      after: auditable(changed),
    });
  });
  return { changed: Object.keys(changed) };
}

export async function setStatus(
  database: Database,
  user: CurrentUser,
  id: string,
  status: InspectorStatus,
  reason: string,
) {
  const before = await inspectorInScope(database, user, id);
  if (before.status === status) return;
  await database.transaction(async ({ db }) => {
    await db.updateTable('inspector').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(db, actorOf(user), {
      action: 'inspector.status_changed',
      subjectType: 'inspector',
      subjectId: id,
      orgId: before.org_id,
      before: { status: before.status },
      after: { status, reason },
    });
  });
}

/** Administrators in scope, and the inspector themself, declare conflicts (回避). */
async function mayDeclare(database: Database, user: CurrentUser, inspectorId: string) {
  if (user.inspectorId === inspectorId) {
    const own = await repo.findInspector(database.db, inspectorId, null);
    if (!own) throw notFound('检查人员', 'Inspector');
    return own;
  }
  if (user.role !== 'admin' && user.role !== 'dept_admin') throw forbidden();
  return inspectorInScope(database, user, inspectorId);
}

export async function declareConflict(
  database: Database,
  user: CurrentUser,
  inspectorId: string,
  input: {
    entityId?: string | null;
    party?: string | null;
    kind: (typeof CONFLICT_KINDS)[number];
    reason: string;
  },
) {
  const inspector = await mayDeclare(database, user, inspectorId);
  let party = blank(input.party);
  if (input.entityId) {
    const entity = await database.db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('id', '=', input.entityId)
      .executeTakeFirst();
    if (!entity) throw invalid('entityId', '所选市场主体不存在', 'Unknown business');
    party ??= entity.name;
  }
  if (!party)
    throw invalid(
      'party',
      '请选择市场主体或填写回避对象（单位或个人）',
      'Choose a business or name the party',
    );
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请填写回避事由', 'Give the reason');
  return database.transaction(async ({ db }) => {
    const { id } = await db
      .insertInto('inspector_conflict')
      .values({
        inspector_id: inspectorId,
        entity_id: input.entityId ?? null,
        party,
        kind: input.kind,
        reason,
        declared_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(user), {
      action: 'inspector.conflict_declared',
      subjectType: 'inspector',
      subjectId: inspectorId,
      orgId: inspector.org_id,
      after: { conflict: id, entity_id: input.entityId ?? null, party, kind: input.kind, reason },
    });
    return { id };
  });
}

export async function withdrawConflict(
  database: Database,
  user: CurrentUser,
  inspectorId: string,
  conflictId: string,
) {
  const inspector = await mayDeclare(database, user, inspectorId);
  const row = await database.db
    .selectFrom('inspector_conflict')
    .select(['id', 'withdrawn_on'])
    .where('id', '=', conflictId)
    .where('inspector_id', '=', inspectorId)
    .executeTakeFirst();
  if (!row) throw notFound('回避声明', 'Conflict');
  if (row.withdrawn_on) throw new DomainError(409, 'conflict', '该回避声明已撤回', 'Already withdrawn');
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('inspector_conflict')
      .set({ withdrawn_on: sql<string>`current_date` })
      .where('id', '=', conflictId)
      .execute();
    await appendAudit(db, actorOf(user), {
      action: 'inspector.conflict_withdrawn',
      subjectType: 'inspector',
      subjectId: inspectorId,
      orgId: inspector.org_id,
      after: { conflict: conflictId },
    });
  });
}

export async function inspectorDetail(database: Database, user: CurrentUser, id: string) {
  const inspector = await inspectorInScope(database, user, id);
  const { org_path: _path, ...row } = inspector;
  return {
    ...present(user, row),
    conflicts: await repo.inspectorConflicts(database.db, id),
    changes: await repo.inspectorChanges(database.db, id),
  };
}
