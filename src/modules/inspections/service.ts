// The inspection of a task (DOMAIN §3 steps 4–6): a team member's view, changes synced from devices
// (idempotent, merged per field and per check content), the lead's submission, the review (approve or
// return with a reason), publication readiness on the working-day calendar, and the business's view.
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { numberedContents } from '../../core/checklist/content.ts';
import {
  chinaDate,
  deadlineState,
  METHODS,
  type Method,
  publicationDeadline,
  submissionProblems,
} from '../../core/inspections/rules.ts';
import {
  DISPOSITIONS,
  type Disposition,
  normaliseCodes,
  RESULT_CODES_VERSION,
  resultCode,
} from '../../core/results/codes.ts';
import type { Database } from '../../db/connection.ts';
import type {
  ChangeKind,
  DB,
  InspectionStatus,
  InspectionTable,
  Location,
  NoticeChannel,
} from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type Actor, appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';
import { resultSeverity } from '../credit/events.ts';
import { recordEvents } from '../credit/repo.ts';
import { rescore } from '../credit/service.ts';
import { followUpsOfInspection } from '../followups/repo.ts';
import { runAlternate, settleRecheck, startFollowUps } from '../followups/service.ts';
import * as repo from './repo.ts';
import { deadlineSettings } from './settings.ts';

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.username });
export const EDITABLE: readonly InspectionStatus[] = ['draft', 'returned'];
export const REVIEWERS = ['reviewer', 'dept_admin'] as const;

// ---- who may do what ----

export interface Membership {
  orgId: string;
  position: number;
  /** Leads the department's team (its lowest position): submits the department's record. */
  lead: boolean;
}

export async function membershipOf(
  db: Kysely<DB>,
  taskId: string,
  user: CurrentUser,
): Promise<Membership | undefined> {
  if (!user.inspectorId) return undefined;
  const team = await repo.teamOf(db, taskId);
  const me = team.find((m) => m.inspector_id === user.inspectorId);
  if (!me) return undefined;
  const lead = team.filter((m) => m.org_id === me.org_id).every((m) => m.position >= me.position);
  return { orgId: me.org_id, position: me.position, lead };
}

async function inScope(db: Kysely<DB>, user: CurrentUser, orgId: string) {
  const org = await repo.orgPath(db, orgId);
  return !!org?.path.startsWith(user.orgPath);
}

/**
 * Reading a department's record of a task: its team; the lead department's team (consolidation);
 * reviewers, department administrators and coordinators whose scope holds the department.
 */
export async function readAccess(db: Kysely<DB>, user: CurrentUser, task: repo.TaskFacts, orgId: string) {
  if (user.role === 'inspector') {
    const member = await membershipOf(db, task.id, user);
    if (member && (member.orgId === orgId || member.orgId === task.org_id)) return member;
    throw forbidden();
  }
  if (
    (user.role === 'reviewer' || user.role === 'dept_admin' || user.role === 'coordinator') &&
    (await inScope(db, user, orgId))
  )
    return undefined;
  throw forbidden();
}

export async function taskOrThrow(db: Kysely<DB>, taskId: string) {
  const task = await repo.findTask(db, taskId);
  if (!task) throw notFound('检查任务', 'Task');
  return task;
}

export async function teamMemberOf(db: Kysely<DB>, user: CurrentUser, taskId: string) {
  const task = await taskOrThrow(db, taskId);
  const member = await membershipOf(db, taskId, user);
  if (!member) throw forbidden();
  if (task.status === 'cancelled')
    throw conflict(`任务已取消：${task.status_reason ?? ''}`, 'The task is cancelled');
  return { task, member };
}

// ---- views ----

const userNames = async (db: Kysely<DB>, ids: (string | null)[]) => {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
};

const place = (at: Date | null, location: unknown) =>
  at ? { at, location: (location as Location | null) ?? null } : null;

/** A department's record of a task as its team and its reviewers see it. */
export async function recordView(db: Kysely<DB>, row: repo.InspectionRow, today = chinaDate(new Date())) {
  const [codes, findings, evidence, history, followUps, names, followUpOrg] = await Promise.all([
    repo.codesOf(db, row.id),
    repo.findingsOf(db, row.id),
    repo.evidenceOf(db, row.id),
    repo.historyOf(db, row.id),
    followUpsOfInspection(db, row.id),
    userNames(db, [row.submitted_by, row.reviewed_by, row.published_by]),
    row.follow_up_org_id ? repo.orgPath(db, row.follow_up_org_id) : undefined,
  ]);
  return {
    id: row.id,
    taskId: row.task_id,
    orgId: row.org_id,
    status: row.status,
    version: row.version,
    checklistIds: row.checklist_ids,
    method: row.method,
    plannedOn: row.planned_on,
    notice: row.notified_at
      ? { at: row.notified_at, channel: row.notice_channel, note: row.notice_note }
      : null,
    start: place(row.started_at, row.start_location),
    end: place(row.ended_at, row.end_location),
    endedOn: row.ended_on,
    codes: normaliseCodes(codes),
    codesVersion: row.codes_version ?? RESULT_CODES_VERSION,
    disposition: row.disposition,
    dispositionNote: row.disposition_note,
    correctionDueOn: row.correction_due_on,
    followUpOrg: row.follow_up_org_id ? { id: row.follow_up_org_id, name: followUpOrg?.name ?? '' } : null,
    summary: row.summary,
    findings: findings.map((f) => ({
      checklistId: f.checklist_id,
      contentNo: f.content_no,
      result: f.result,
      note: f.note,
      by: f.updated_by_name,
      at: f.updated_at,
      version: f.version,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      fileName: e.file_name,
      mediaType: e.media_type,
      size: e.size_bytes,
      sha256: e.sha256,
      note: e.note,
      checklistId: e.checklist_id,
      contentNo: e.content_no,
      capturedAt: e.captured_at,
      location: e.location,
      by: e.uploaded_by_name,
      at: e.uploaded_at,
      thumbnail: !!e.thumbnail_path,
    })),
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by ? (names.get(row.submitted_by) ?? null) : null,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by ? (names.get(row.reviewed_by) ?? null) : null,
    returnReason: row.status === 'returned' ? row.return_reason : null,
    approvedAt: row.approved_at,
    publishableBy: row.publishable_by,
    deadline:
      row.publishable_by && row.status !== 'published' ? deadlineState(today, row.publishable_by) : null,
    publishedAt: row.published_at,
    history: history.map((h) => ({
      version: h.version,
      kind: h.kind,
      target: h.target,
      value: h.value,
      outcome: h.outcome,
      by: h.user_name,
      at: h.at,
      madeAt: h.made_at,
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      code: f.code,
      kind: f.kind,
      status: f.status,
      outcome: f.outcome,
      cause: f.cause,
      toOrgName: f.to_org_name,
      dueOn: f.due_on,
      orderDueOn: f.order_due_on,
      reportDueOn: f.report_due_on,
      escalatedAt: f.escalated_at,
      recheckTaskCode: f.recheck_task_code,
    })),
  };
}

export type RecordView = Awaited<ReturnType<typeof recordView>>;

/** The task as seen for one department: business, items, team (lead marked), checklists, record, history. */
async function taskView(
  db: Kysely<DB>,
  task: repo.TaskFacts,
  orgId: string,
  viewer: CurrentUser,
  member?: Membership,
) {
  const [team, items, record, previous] = await Promise.all([
    repo.teamOf(db, task.id),
    repo.taskItems(db, task),
    repo.inspectionOfTask(db, task.id, orgId),
    repo.previousResults(db, task.entity_id, task.id),
  ]);
  const mine = items.filter((i) => i.org_id === orgId);
  const checklists = record
    ? await repo.checklistsByIds(db, record.checklist_ids)
    : await repo.publishedChecklists(
        db,
        mine.map((i) => i.id),
      );
  const departments = [...new Map(team.map((m) => [m.org_id, m.org_name])).entries()].map(([id, name]) => ({
    id,
    name,
    lead: id === task.org_id,
  }));
  const leadPositions = new Map<string, number>();
  for (const m of team) if (!leadPositions.has(m.org_id)) leadPositions.set(m.org_id, m.position);
  const previousCodes = await repo.codesOfMany(
    db,
    previous.map((p) => p.id),
  );
  const view = record ? await recordView(db, record) : null;
  const status = view?.status ?? 'draft';
  const isMember = !!member && member.orgId === orgId;
  return {
    task: {
      id: task.id,
      code: task.code,
      status: task.status,
      statusReason: task.status_reason,
      plan: task.plan_code ? { code: task.plan_code, name: task.plan_name } : null,
      deadline: task.deadline,
      recheckOf: task.recheck_of,
      joint: departments.length > 1,
    },
    entity: {
      id: task.entity_id,
      name: task.entity_name,
      identifier: task.identifier,
      address: task.address,
      phone: task.phone,
      legalRep: task.legal_rep,
      regionCode: task.entity_region,
      status: task.entity_status,
    },
    orgId,
    departments,
    team: team.map((m) => ({
      name: m.name,
      certNo: m.cert_no,
      orgId: m.org_id,
      orgName: m.org_name,
      position: m.position,
      lead: leadPositions.get(m.org_id) === m.position,
      me: m.inspector_id === viewer.inspectorId,
    })),
    items: mine.map((i) => ({ id: i.id, code: i.code, name: i.name, category: i.category })),
    checklists: checklists.map((c) => ({
      id: c.id,
      itemId: c.item_id,
      itemName: mine.find((i) => i.id === c.item_id)?.name ?? '',
      version: c.version,
      content: c.content,
    })),
    record: view,
    previous: previous.map((p) => ({
      id: p.id,
      taskCode: p.task_code,
      orgName: p.org_name,
      endedOn: p.ended_on,
      status: p.status,
      method: p.method,
      disposition: p.disposition,
      codes: normaliseCodes(previousCodes.get(p.id) ?? []),
    })),
    can: {
      edit: isMember && EDITABLE.includes(status) && task.status === 'assigned',
      submit: isMember && !!member?.lead && EDITABLE.includes(status) && task.status === 'assigned',
      review:
        !member && status === 'submitted' && (viewer.role === 'reviewer' || viewer.role === 'dept_admin'),
      publish: status === 'approved' && (viewer.role === 'reviewer' || viewer.role === 'dept_admin'),
    },
  };
}

export type TaskView = Awaited<ReturnType<typeof taskView>>;

/** A team member's view of their department's part of a task. */
export async function taskViewForMember(database: Database, user: CurrentUser, taskId: string) {
  const db = database.db;
  const task = await taskOrThrow(db, taskId);
  const member = await membershipOf(db, taskId, user);
  if (!member) throw forbidden();
  return taskView(db, task, member.orgId, user, member);
}

/** A record by its id, for reviewers, administrators, coordinators and the team. */
export async function inspectionViewFor(database: Database, user: CurrentUser, inspectionId: string) {
  const db = database.db;
  const row = await repo.findInspection(db, inspectionId);
  if (!row) throw notFound('检查记录', 'Inspection');
  const task = await taskOrThrow(db, row.task_id);
  const member = await readAccess(db, user, task, row.org_id);
  return taskView(db, task, row.org_id, user, member);
}

// ---- changes from devices ----

export const FIELDS = [
  'method',
  'plannedOn',
  'notice',
  'start',
  'end',
  'codes',
  'disposition',
  'dispositionNote',
  'correctionDueOn',
  'followUpOrgId',
  'summary',
] as const;
export type Field = (typeof FIELDS)[number];

export interface ChangeInput {
  /** The device's idempotency key for this change. */
  id: string;
  kind: 'field' | 'finding';
  /** When it was made on the device. */
  at?: string;
  /** The record version the device showed when this change was made (defaults to the batch's). */
  baseVersion?: number;
  field?: string;
  value?: unknown;
  checklistId?: string;
  contentNo?: string;
  result?: string;
  note?: string;
}

interface Refusal {
  zh: string;
  en: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string =>
  typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));
const instant = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : null);
const CHANNELS: readonly NoticeChannel[] = ['phone', 'sms', 'written', 'onsite', 'other'];

function location(v: unknown): Location | null | undefined {
  if (v === null || v === undefined) return null;
  const l = v as Partial<Location>;
  if (typeof l.lat !== 'number' || typeof l.lng !== 'number' || Math.abs(l.lat) > 90 || Math.abs(l.lng) > 180)
    return undefined;
  return {
    lat: l.lat,
    lng: l.lng,
    ...(typeof l.accuracy === 'number' && l.accuracy >= 0 ? { accuracy: l.accuracy } : {}),
  };
}

interface ParsedField {
  set: Updateable<InspectionTable>;
  codes?: string[];
  /** The value as stored in the history. */
  value: unknown;
}

const bad = (zh: string, en: string): Refusal => ({ zh, en });

/** Reads one field change, or says why it cannot be recorded. */
async function parseField(db: Kysely<DB>, field: string, value: unknown): Promise<ParsedField | Refusal> {
  switch (field as Field) {
    case 'method':
      if (value !== null && !METHODS.some((m) => m.code === value))
        return bad('未知的检查方式', 'Unknown method');
      return { set: { method: value as Method | null }, value };
    case 'plannedOn':
    case 'correctionDueOn':
      if (value !== null && !isDate(value)) return bad('日期格式不正确', 'Not a date');
      return { set: field === 'plannedOn' ? { planned_on: value } : { correction_due_on: value }, value };
    case 'notice': {
      if (value === null) return { set: { notified_at: null, notice_channel: null, notice_note: '' }, value };
      const v = value as { at?: unknown; channel?: unknown; note?: unknown };
      const at = instant(v.at);
      const note = v.note === undefined ? '' : text(v.note, 500);
      if (!at || !CHANNELS.includes(v.channel as NoticeChannel) || note === null)
        return bad('告知记录不完整', 'The notice needs a time and a channel');
      return {
        set: { notified_at: at, notice_channel: v.channel as NoticeChannel, notice_note: note },
        value: { at: at.toISOString(), channel: v.channel, note },
      };
    }
    case 'start':
    case 'end': {
      if (value === null)
        return {
          set:
            field === 'start'
              ? { started_at: null, start_location: null }
              : { ended_at: null, end_location: null, ended_on: null },
          value,
        };
      const v = value as { at?: unknown; location?: unknown };
      const at = instant(v.at);
      const where = location(v.location);
      if (!at || where === undefined) return bad('时间或位置格式不正确', 'Bad time or location');
      const stored = where ? JSON.stringify(where) : null;
      return {
        set:
          field === 'start'
            ? { started_at: at, start_location: stored }
            : { ended_at: at, end_location: stored, ended_on: chinaDate(at) },
        value: { at: at.toISOString(), location: where },
      };
    }
    case 'codes': {
      if (!Array.isArray(value) || value.length > 20)
        return bad('结果代码格式不正确', 'Codes must be a list');
      const unknown = value.filter((c) => typeof c !== 'string' || !resultCode(c));
      if (unknown.length)
        return bad(`未知的结果代码：${unknown.join('、')}`, `Unknown codes: ${unknown.join(', ')}`);
      const codes = normaliseCodes(value as string[]);
      return { set: { codes_version: RESULT_CODES_VERSION }, codes, value: codes };
    }
    case 'disposition':
      if (value !== null && !DISPOSITIONS.some((d) => d.code === value))
        return bad('未知的后续处置措施', 'Unknown disposition');
      return { set: { disposition: value as Disposition | null }, value };
    case 'dispositionNote':
    case 'summary': {
      const v = text(value ?? '', field === 'summary' ? 4000 : 1000);
      if (v === null) return bad('文字过长', 'Text too long');
      return { set: field === 'summary' ? { summary: v } : { disposition_note: v }, value: v };
    }
    case 'followUpOrgId': {
      if (value === null) return { set: { follow_up_org_id: null }, value };
      const org =
        typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)
          ? await db.selectFrom('org').select(['id', 'kind']).where('id', '=', value).executeTakeFirst()
          : undefined;
      if (!org || org.kind === 'government')
        return bad('请选择接收的部门或机构', 'Choose a department or office');
      return { set: { follow_up_org_id: org.id }, value: org.id };
    }
    default:
      return bad(`未知的字段：${field}`, `Unknown field: ${field}`);
  }
}

/** The current value of a field, shaped as changes carry it. */
function currentValue(row: repo.InspectionRow, codes: string[], field: Field): unknown {
  switch (field) {
    case 'method':
      return row.method;
    case 'plannedOn':
      return row.planned_on;
    case 'correctionDueOn':
      return row.correction_due_on;
    case 'notice':
      return row.notified_at
        ? { at: row.notified_at, channel: row.notice_channel, note: row.notice_note }
        : null;
    case 'start':
      return place(row.started_at, row.start_location);
    case 'end':
      return place(row.ended_at, row.end_location);
    case 'codes':
      return codes;
    case 'disposition':
      return row.disposition;
    case 'dispositionNote':
      return row.disposition_note;
    case 'summary':
      return row.summary;
    case 'followUpOrgId':
      return row.follow_up_org_id;
  }
}

/** The department's record of the task, created on the first change with the checklists the device showed. */
export async function ensureRecord(db: Kysely<DB>, task: repo.TaskFacts, orgId: string, shown?: string[]) {
  let row = await repo.inspectionOfTask(db, task.id, orgId);
  if (!row) {
    const items = (await repo.taskItems(db, task)).filter((i) => i.org_id === orgId).map((i) => i.id);
    let checklists = await repo.publishedChecklists(db, items);
    if (shown?.length) {
      const given = await repo.checklistsByIds(db, shown);
      const oneEach = new Set(given.map((c) => c.item_id)).size === given.length;
      // A version published since the device loaded the task does not displace the one it was filled in on.
      if (given.length === shown.length && oneEach && given.every((c) => items.includes(c.item_id)))
        checklists = given;
    }
    await repo.insertInspectionOnce(db, {
      task_id: task.id,
      org_id: orgId,
      region_code: task.entity_region,
      entity_id: task.entity_id,
      item_ids: items,
      checklist_ids: checklists.map((c) => c.id),
    });
    row = await repo.inspectionOfTask(db, task.id, orgId);
  }
  return repo.lockInspection(db, row!.id);
}

/** Check-content numbers of each checklist used. */
async function contentNumbers(db: Kysely<DB>, checklistIds: string[]) {
  const lists = await repo.checklistsByIds(db, checklistIds);
  return new Map(lists.map((c) => [c.id, new Set(numberedContents(c.content).map((n) => n.number))]));
}

export interface SyncResult {
  record: RecordView;
  applied: string[];
  duplicates: string[];
  conflicts: { id: string; field: string; yours: unknown; theirs: unknown; by: string; at: Date }[];
  overwritten: {
    id: string;
    checklistId: string;
    contentNo: string;
    previous: { result: string; note: string; by: string };
  }[];
  rejected: { id: string; message: string; messageEn: string }[];
}

/**
 * Applies a device's changes, made on top of `baseVersion`. Each change counts once (its id is its
 * idempotency key). Check contents merge row by row: the last writer wins and the earlier mark stays in
 * the history. A field another member changed after `baseVersion` is not overwritten: the change is
 * kept in the history as a conflict and reported back with both values.
 */
export async function applyChanges(
  database: Database,
  user: CurrentUser,
  taskId: string,
  input: { baseVersion: number; checklistIds?: string[]; changes: ChangeInput[] },
): Promise<SyncResult> {
  const outcome = await database.transaction(async ({ db }) => {
    const { task, member } = await teamMemberOf(db, user, taskId);
    const row = await ensureRecord(db, task, member.orgId, input.checklistIds);
    const result: Omit<SyncResult, 'record'> = {
      applied: [],
      duplicates: [],
      conflicts: [],
      overwritten: [],
      rejected: [],
    };
    const seen = new Map(
      (
        await repo.changesByIds(
          db,
          input.changes.map((c) => c.id),
        )
      ).map((c) => [c.id, c]),
    );
    const version = row.version + 1;
    const editable = EDITABLE.includes(row.status);
    let codes = await repo.codesOf(db, row.id);
    let codesChanged = false;
    const set: Updateable<InspectionTable> = {};
    const numbers = await contentNumbers(db, row.checklist_ids);
    const fields = new Set<string>();
    let findings = 0;
    for (const change of input.changes) {
      const prior = seen.get(change.id);
      if (prior) {
        if (prior.inspection_id === row.id) result.duplicates.push(change.id);
        else
          result.rejected.push({
            id: change.id,
            message: '重复的变更编号',
            messageEn: 'Duplicate change id',
          });
        continue;
      }
      seen.set(change.id, { id: change.id, inspection_id: row.id, outcome: 'applied' });
      const madeAt = instant(change.at);
      const seenVersion = change.baseVersion ?? input.baseVersion;
      const base = {
        id: change.id,
        inspection_id: row.id,
        base_version: seenVersion,
        user_id: user.id,
        user_name: user.displayName,
        made_at: madeAt,
      };
      const target =
        change.kind === 'field' ? (change.field ?? '') : `${change.checklistId}/${change.contentNo}`;
      if (!editable) {
        // Kept, so nothing typed on a device disappears, but the record has left the team.
        await repo.insertChange(db, {
          ...base,
          version: row.version,
          kind: change.kind,
          target,
          value: change.kind === 'field' ? change.value : { result: change.result, note: change.note },
          outcome: 'rejected',
        });
        result.rejected.push({
          id: change.id,
          message: '记录已提交审核，此修改未写入记录（已保留在修改历史中）',
          messageEn: 'The record was submitted: this change was kept in the history but not applied',
        });
        continue;
      }
      if (change.kind === 'field') {
        const parsed = await parseField(db, target, change.value === undefined ? null : change.value);
        if ('zh' in parsed) {
          result.rejected.push({ id: change.id, message: parsed.zh, messageEn: parsed.en });
          continue;
        }
        const later = await repo.laterFieldChange(db, row.id, target, seenVersion, user.id);
        if (later) {
          await repo.insertChange(db, {
            ...base,
            version: row.version,
            kind: 'field',
            target,
            value: parsed.value,
            outcome: 'conflict',
          });
          result.conflicts.push({
            id: change.id,
            field: target,
            yours: parsed.value,
            theirs: currentValue({ ...row, ...set } as repo.InspectionRow, codes, target as Field),
            by: later.user_name,
            at: later.at,
          });
          continue;
        }
        Object.assign(set, parsed.set);
        if (parsed.codes) {
          codes = parsed.codes;
          codesChanged = true;
        }
        await repo.insertChange(db, { ...base, version, kind: 'field', target, value: parsed.value });
        fields.add(target);
        result.applied.push(change.id);
        continue;
      }
      // A check content's mark.
      const result_ = change.result;
      const note = text(change.note ?? '', 1000);
      if (
        !change.checklistId ||
        !change.contentNo ||
        !numbers.get(change.checklistId)?.has(change.contentNo) ||
        (result_ !== 'compliant' && result_ !== 'not' && result_ !== 'na') ||
        note === null
      ) {
        result.rejected.push({
          id: change.id,
          message: '检查内容不在本次使用的检查表中，或填写有误',
          messageEn: 'The check content is not in the checklist used, or the mark is invalid',
        });
        continue;
      }
      const current = await repo.findFinding(db, row.id, change.checklistId, change.contentNo);
      if (current && current.version > seenVersion && current.updated_by !== user.id)
        result.overwritten.push({
          id: change.id,
          checklistId: change.checklistId,
          contentNo: change.contentNo,
          previous: { result: current.result, note: current.note, by: current.updated_by_name },
        });
      await repo.upsertFinding(db, {
        inspection_id: row.id,
        checklist_id: change.checklistId,
        content_no: change.contentNo,
        result: result_,
        note,
        updated_by: user.id,
        updated_by_name: user.displayName,
        updated_at: madeAt ?? new Date(),
        version,
      });
      await repo.insertChange(db, {
        ...base,
        version,
        kind: 'finding',
        target,
        value: { result: result_, note },
      });
      findings++;
      result.applied.push(change.id);
    }
    if (result.applied.length) {
      if (codesChanged) await repo.replaceCodes(db, row.id, codes, RESULT_CODES_VERSION);
      await repo.updateInspection(db, row.id, { ...set, version });
      await appendAudit(db, actorOf(user), {
        action: 'inspection.edited',
        subjectType: 'inspection',
        subjectId: row.id,
        orgId: row.org_id,
        after: {
          task: task.code,
          version,
          fields: [...fields],
          findings,
          conflicts: result.conflicts.length,
        },
      });
    }
    return { id: row.id, result };
  });
  const row = (await repo.findInspection(database.db, outcome.id))!;
  return { record: await recordView(database.db, row), ...outcome.result };
}

// ---- submission, review, publication ----

/**
 * Moves a record one version on outside the device sync: its new values, the step in its history and
 * in the audit chain, all in the caller's transaction. Returns the new version.
 */
export async function recordStep(
  db: Kysely<DB>,
  user: CurrentUser,
  row: Pick<repo.InspectionRow, 'id' | 'org_id' | 'version'>,
  step: {
    kind: ChangeKind;
    target?: string;
    value?: unknown;
    set?: Updateable<InspectionTable>;
    action: string;
    audit?: object;
    madeAt?: Date | null;
  },
) {
  const version = row.version + 1;
  await repo.updateInspection(db, row.id, { ...step.set, version });
  await repo.insertChange(db, {
    id: randomUUID(),
    inspection_id: row.id,
    version,
    kind: step.kind,
    target: step.target,
    value: step.value,
    user_id: user.id,
    user_name: user.displayName,
    made_at: step.madeAt,
  });
  await appendAudit(db, actorOf(user), {
    action: step.action,
    subjectType: 'inspection',
    subjectId: row.id,
    orgId: row.org_id,
    after: { version, ...step.audit },
  });
  return version;
}

/** The lead submits the department's record for review, once everything it needs is there. */
export async function submit(database: Database, user: CurrentUser, taskId: string, version: number) {
  const id = await database.transaction(async ({ db }) => {
    const { task, member } = await teamMemberOf(db, user, taskId);
    if (!member.lead)
      throw new DomainError(
        403,
        'forbidden',
        '只有检查组组长可以提交审核',
        'Only the team lead submits for review',
      );
    const found = await repo.inspectionOfTask(db, taskId, member.orgId);
    if (!found) throw conflict('尚未开始检查，没有可提交的记录', 'Nothing recorded yet');
    const row = await repo.lockInspection(db, found.id);
    if (!EDITABLE.includes(row.status)) throw conflict('该记录已提交', 'The record was already submitted');
    if (row.version !== version)
      throw conflict(
        '记录已被其他成员更新，请查看最新内容后再提交',
        'Another member changed the record: review the latest version, then submit',
        'version',
      );
    const now = new Date();
    const numbers = await contentNumbers(db, row.checklist_ids);
    const findings = (await repo.findingsOf(db, row.id)).filter((f) =>
      numbers.get(f.checklist_id)?.has(f.content_no),
    );
    const codes = await repo.codesOf(db, row.id);
    const endedAt = row.ended_at ?? now;
    const endedOn = row.ended_on ?? chinaDate(endedAt);
    const problems = submissionProblems({
      method: row.method,
      codes,
      disposition: row.disposition,
      dispositionNote: row.disposition_note,
      correctionDueOn: row.correction_due_on,
      followUpOrgId: row.follow_up_org_id,
      endedOn,
      contents: [...numbers.values()].reduce((n, s) => n + s.size, 0),
      marked: findings.length,
      notCompliant: findings.filter((f) => f.result === 'not').length,
    });
    if (row.disposition === 'notify_other' && row.follow_up_org_id) {
      const [own, target] = await Promise.all([
        repo.orgPath(db, row.org_id),
        repo.orgPath(db, row.follow_up_org_id),
      ]);
      if (own?.department && own.department === target?.department)
        problems.push({
          field: 'followUpOrgId',
          zh: '抄告应发往其他部门',
          en: 'A notification goes to another department',
        });
    }
    if (problems.length)
      throw new DomainError(
        400,
        'incomplete',
        problems.map((p) => p.zh).join('；'),
        problems.map((p) => p.en).join('; '),
        problems[0].field,
      );
    const settings = await deadlineSettings(db);
    const publishableBy = publicationDeadline(endedOn, settings);
    await recordStep(db, user, row, {
      kind: 'submit',
      value: { publishableBy },
      set: {
        status: 'submitted',
        submitted_at: now,
        submitted_by: user.id,
        started_at: row.started_at ?? (await repo.firstChangeAt(db, row.id)) ?? endedAt,
        ended_at: endedAt,
        ended_on: endedOn,
        publishable_by: publishableBy,
        codes_version: RESULT_CODES_VERSION,
      },
      action: 'inspection.submitted',
      audit: { task: task.code, codes, disposition: row.disposition, endedOn, publishableBy },
    });
    return row.id;
  });
  return recordView(database.db, (await repo.findInspection(database.db, id))!);
}

async function reviewable(db: Kysely<DB>, user: CurrentUser, id: string, version: number) {
  const found = await repo.findInspection(db, id);
  if (!found) throw notFound('检查记录', 'Inspection');
  if (!(await inScope(db, user, found.org_id))) throw forbidden();
  if (await membershipOf(db, found.task_id, user))
    throw new DomainError(
      403,
      'forbidden',
      '检查组成员不能审核本组的记录',
      'A team member cannot review the team’s record',
    );
  const row = await repo.lockInspection(db, id);
  if (row.version !== version)
    throw conflict(
      '记录已更新，请查看最新内容后再审核',
      'The record changed: review the latest version',
      'version',
    );
  return row;
}

/** Returns a submitted record to the team with the reason. */
export async function returnRecord(
  database: Database,
  user: CurrentUser,
  id: string,
  version: number,
  reason: string,
) {
  const why = reason.trim();
  if (!why) throw invalid('reason', '请填写退回理由', 'Give the reason for returning it');
  await database.transaction(async ({ db }) => {
    const row = await reviewable(db, user, id, version);
    if (row.status !== 'submitted')
      throw conflict('只有待审核的记录可以退回', 'Only a submitted record can be returned');
    await recordStep(db, user, row, {
      kind: 'return',
      value: { reason: why },
      set: { status: 'returned', return_reason: why, reviewed_at: new Date(), reviewed_by: user.id },
      action: 'inspection.returned',
      audit: { reason: why },
    });
  });
  return inspectionViewFor(database, user, id);
}

/** Approves a submitted record: it is ready for publication, and its follow-ups start. */
export async function approve(database: Database, user: CurrentUser, id: string, version: number) {
  const { alternates, entityId } = await database.transaction(async ({ db }) => {
    const row = await reviewable(db, user, id, version);
    if (row.status !== 'submitted')
      throw conflict('只有待审核的记录可以通过', 'Only a submitted record can be approved');
    const now = new Date();
    const task = await taskOrThrow(db, row.task_id);
    const codes = await repo.codesOf(db, id);
    const created = await startFollowUps(
      db,
      actorOf(user),
      row,
      {
        codes,
        drawn: !!task.draw_id,
        taskOrgId: task.org_id,
        entityOrgId: task.entity_org_id,
        approvedOn: chinaDate(now),
      },
      await deadlineSettings(db),
    );
    await settleRecheck(db, actorOf(user), row, codes);
    // The result moves the business's credit score (a problem found counts against it).
    const subject = codes.join(',');
    await recordEvents(db, [
      {
        entity_id: task.entity_id,
        kind: 'inspection_result',
        occurred_on: chinaDate(row.ended_at ?? now),
        severity: resultSeverity(subject) ?? 0,
        subject,
        ref: row.id,
        source: 'inspection',
        org_id: row.org_id,
        region_code: task.region_code,
        created_by: user.id,
      },
    ]);
    await recordStep(db, user, row, {
      kind: 'approve',
      set: { status: 'approved', approved_at: now, reviewed_at: now, reviewed_by: user.id },
      action: 'inspection.approved',
      audit: {
        task: task.code,
        codes,
        publishableBy: row.publishable_by,
        followUps: created.map((c) => c.code),
      },
    });
    return { alternates: created.filter((c) => c.kind === 'alternate'), entityId: task.entity_id };
  });
  await rescore(database, [entityId], 'inspection');
  for (const alternate of alternates) await runAlternate(database, alternate.id, actorOf(user));
  return inspectionViewFor(database, user, id);
}

/** Marks approved records as published (公示). */
export async function publish(database: Database, user: CurrentUser, ids: string[]) {
  return database.transaction(async ({ db }) => {
    for (const id of ids) {
      const found = await repo.findInspection(db, id);
      if (!found) throw notFound('检查记录', 'Inspection');
      if (!(await inScope(db, user, found.org_id))) throw forbidden();
      const row = await repo.lockInspection(db, id);
      if (row.status !== 'approved')
        throw conflict('只有审核通过的记录可以公示', 'Only approved records are published');
      await recordStep(db, user, row, {
        kind: 'publish',
        set: { status: 'published', published_at: new Date(), published_by: user.id },
        action: 'inspection.published',
        audit: {
          publishableBy: row.publishable_by,
          onTime: !row.publishable_by || chinaDate(new Date()) <= row.publishable_by,
        },
      });
    }
    return { published: ids.length };
  });
}

// ---- lists ----

export type MyTaskView = 'today' | 'upcoming' | 'overdue' | 'done';

/** The inspector's tasks, each placed in today / upcoming / overdue / done. */
export async function myTasks(database: Database, user: CurrentUser, today = chinaDate(new Date())) {
  if (!user.inspectorId) return { today, rows: [] };
  const rows = await repo.tasksOfInspector(database.db, user.inspectorId);
  return {
    today,
    rows: rows.map((r) => {
      const done = r.status !== null && !EDITABLE.includes(r.status);
      const view: MyTaskView = done
        ? 'done'
        : r.status === 'returned' || r.planned_on === today || r.deadline === today
          ? 'today'
          : r.deadline && r.deadline < today
            ? 'overdue'
            : 'upcoming';
      return {
        taskId: r.task_id,
        code: r.code,
        entityName: r.entity_name,
        identifier: r.identifier,
        address: r.address,
        phone: r.phone,
        inspectionId: r.inspection_id,
        status: r.status ?? 'draft',
        returnReason: r.status === 'returned' ? r.return_reason : null,
        plannedOn: r.planned_on,
        deadline: r.deadline ? deadlineState(today, r.deadline) : null,
        recheck: r.recheck,
        lead: r.lead,
        items: r.item_count,
        view,
      };
    }),
  };
}

export async function listForStaff(
  database: Database,
  user: CurrentUser,
  f: {
    statuses: InspectionStatus[];
    q?: string;
    orderBy: 'submitted' | 'deadline';
    page: number;
    pageSize: number;
  },
  today = chinaDate(new Date()),
) {
  const { rows, total } = await repo.listInspections(database.db, { ...f, orgPath: user.orgPath });
  const codes = await repo.codesOfMany(
    database.db,
    rows.map((r) => r.id),
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      taskCode: r.task_code,
      entityName: r.entity_name,
      identifier: r.identifier,
      orgName: r.org_name,
      status: r.status,
      method: r.method,
      endedOn: r.ended_on,
      submittedAt: r.submitted_at,
      approvedAt: r.approved_at,
      leadName: r.lead_name,
      returnReason: r.status === 'returned' ? r.return_reason : null,
      codes: normaliseCodes(codes.get(r.id) ?? []),
      publishableBy: r.publishable_by,
      deadline: r.publishable_by && r.status !== 'published' ? deadlineState(today, r.publishable_by) : null,
      reminded: r.reminded,
    })),
  };
}

/** One consolidated record of a joint task for the lead department: each department's part side by side. */
export async function consolidated(database: Database, user: CurrentUser, taskId: string) {
  const db = database.db;
  const task = await taskOrThrow(db, taskId);
  await readAccess(db, user, task, task.org_id);
  const [team, items, records] = await Promise.all([
    repo.teamOf(db, taskId),
    repo.taskItems(db, task),
    repo.inspectionsOfTask(db, taskId),
  ]);
  const departments = [...new Map(team.map((m) => [m.org_id, m.org_name])).entries()];
  if (!departments.some(([id]) => id === task.org_id)) departments.unshift([task.org_id, '']);
  const parts = await Promise.all(
    departments.map(async ([orgId, orgName]) => {
      const row = records.find((r) => r.org_id === orgId);
      const [codes, findings, evidence, numbers] = row
        ? await Promise.all([
            repo.codesOf(db, row.id),
            repo.findingsOf(db, row.id),
            repo.evidenceOf(db, row.id),
            contentNumbers(db, row.checklist_ids),
          ])
        : [[], [], [], new Map<string, Set<string>>()];
      const contents = [...numbers.values()].reduce((n, s) => n + s.size, 0);
      const count = (r: string) => findings.filter((f) => f.result === r).length;
      return {
        orgId,
        orgName,
        lead: orgId === task.org_id,
        items: items.filter((i) => i.org_id === orgId).map((i) => ({ id: i.id, name: i.name })),
        inspectionId: row?.id ?? null,
        status: row?.status ?? null,
        method: row?.method ?? null,
        endedOn: row?.ended_on ?? null,
        codes: normaliseCodes(codes),
        disposition: row?.disposition ?? null,
        summary: row?.summary ?? '',
        findings: {
          contents,
          compliant: count('compliant'),
          not: count('not'),
          na: count('na'),
          unmarked: contents - findings.length,
        },
        evidence: evidence.length,
      };
    }),
  );
  const done = parts.every((p) => p.status === 'approved' || p.status === 'published');
  return {
    task: { id: task.id, code: task.code, entity: task.entity_name, identifier: task.identifier },
    complete: done,
    codes: normaliseCodes(parts.flatMap((p) => p.codes)),
    departments: parts,
  };
}

// ---- the business's own inspections (allow-listed: no inspector names, notes, phones or IDs) ----

export async function inspectionsForBusiness(database: Database, user: CurrentUser) {
  return { rows: user.entityId ? await resultsOfEntity(database, user.entityId) : [] };
}

/** A business's approved and published inspections with their codes in words and what was not compliant. */
export async function resultsOfEntity(database: Database, entityId: string) {
  const db = database.db;
  const rows = await repo.inspectionsOfEntity(db, entityId);
  const codes = await repo.codesOfMany(
    db,
    rows.map((r) => r.id),
  );
  const names = await repo.itemNames(db, [...new Set(rows.flatMap((r) => r.item_ids))]);
  return Promise.all(
    rows.map(async (r) => {
      const lists = await repo.checklistsByIds(db, r.checklist_ids);
      const texts = new Map(
        lists.flatMap((c) =>
          numberedContents(c.content).map((n) => [`${c.id}/${n.number}`, `${n.number} ${n.text}`]),
        ),
      );
      const notCompliant = (await repo.findingsOf(db, r.id))
        .filter((f) => f.result === 'not')
        .map((f) => texts.get(`${f.checklist_id}/${f.content_no}`) ?? f.content_no);
      return {
        id: r.id,
        taskCode: r.task_code,
        department: r.org_name,
        status: r.status,
        method: r.method,
        endedOn: r.ended_on,
        items: r.item_ids.map((id) => names.get(id) ?? ''),
        codes: normaliseCodes(codes.get(r.id) ?? []).map((code) => ({ code, name: resultCode(code)!.zh })),
        disposition: r.disposition,
        correctionDueOn: r.correction_due_on,
        notCompliant,
        publishedAt: r.published_at,
      };
    }),
  );
}
