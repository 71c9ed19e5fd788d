// Events that move a score: one at a time over the API, or penalties and complaints from a
// spreadsheet. Events are append-only; each is audited, updates the directory's list status and
// complaint count, and has its business re-scored (a job, or at once where no job system runs).
import { sql } from 'kysely';
import {
  type EventImportKind,
  type EventRecord,
  ImportError,
  importRows,
  KIND_LABELS,
  type RowIssue,
  readWorkbook,
} from '../../core/import/index.ts';
import { resultCode } from '../../core/results/codes.ts';
import type { Database } from '../../db/connection.ts';
import type { CreditEventKind } from '../../db/schema.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, invalid } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { type CurrentUser, inRegionScope } from '../auth/access.ts';
import { findEntity } from '../entities/repo.ts';
import { addComplaints, applyEventToEntity, type EventInput, eventValues, insertEvent } from './repo.ts';
import { actorOf, entityInScope, rescore, today } from './service.ts';

export const EVENT_KINDS: readonly CreditEventKind[] = [
  'penalty',
  'complaint',
  'abnormal_list_in',
  'abnormal_list_out',
  'serious_list_in',
  'serious_list_out',
  'inspection_result',
  'registration_change',
];

/** What a registration change changed; address and legal_rep move scores. */
export const CHANGE_SUBJECTS = ['address', 'legal_rep', 'name', 'capital', 'scope', 'other'] as const;

/** Re-scores businesses after their events: queued when jobs run, at once otherwise. */
export async function afterEvents(ctx: AppContext, entityIds: readonly string[]) {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return undefined;
  if (ctx.jobs) {
    for (let i = 0; i < ids.length; i += RESCORE_BATCH)
      await ctx.jobs.send('credit.rescore', { entityIds: ids.slice(i, i + RESCORE_BATCH) });
    return undefined;
  }
  return rescore(ctx.database, ids);
}
const RESCORE_BATCH = 1000;

export interface EventBody {
  entityId: string;
  kind: CreditEventKind;
  occurredOn: string;
  severity?: number;
  amountYuan?: string;
  subject?: string;
  ref?: string;
  details?: Record<string, string>;
}

/** Checks an event, and fills in the severity of an inspection result from its result codes. */
function completeEvent(body: EventBody) {
  if (body.occurredOn > today())
    throw invalid('occurredOn', '事件日期不能晚于今天', 'The date cannot be in the future');
  if (body.kind === 'penalty' && (body.severity === undefined || body.severity < 1))
    throw invalid(
      'severity',
      '行政处罚须注明违法情节（一般、较重、严重）',
      'A penalty needs a severity from 1 to 3',
    );
  if (body.kind === 'inspection_result' && body.severity === undefined) {
    const severity = resultSeverity(body.subject);
    if (severity === undefined)
      throw invalid(
        'severity',
        '检查结果须注明问题严重程度（0 表示未发现问题）或检查结果代码',
        'An inspection result needs a severity (0 for no problem) or result codes',
      );
    body.severity = severity;
  }
  if (
    body.kind === 'registration_change' &&
    !(CHANGE_SUBJECTS as readonly string[]).includes(body.subject ?? '')
  )
    throw invalid(
      'subject',
      `变更事项应为：${CHANGE_SUBJECTS.join('、')}`,
      `The change is one of ${CHANGE_SUBJECTS.join(', ')}`,
    );
}

/** How heavy the problems of inspection result codes ('D', 'D,E') are; undefined for no known code. */
const SEVERITY_OF_GROUP = { clear: 0, not_operating: 0, gone: 0, corrected: 1, problem: 2, uncooperative: 3 };
export function resultSeverity(subject: string | undefined): number | undefined {
  const codes = (subject ?? '').split(/[,，、\s]+/).flatMap((c) => {
    const info = resultCode(c);
    return info ? [SEVERITY_OF_GROUP[info.group]] : [];
  });
  return codes.length ? Math.max(...codes) : undefined;
}

/** Records one event (audited) and has its business re-scored. */
export async function recordEvent(ctx: AppContext, user: CurrentUser, body: EventBody) {
  completeEvent(body);
  const entity = await findEntity(ctx.database.db, body.entityId);
  entityInScope(user, entity);
  const input: EventInput = {
    entity_id: entity!.id,
    kind: body.kind,
    occurred_on: body.occurredOn,
    severity: body.severity ?? null,
    amount_yuan: body.amountYuan ?? null,
    subject: body.subject ?? null,
    ref: body.ref ?? null,
    source: 'api',
    details: body.details,
    org_id: entity!.org_id,
    region_code: entity!.region_code,
    created_by: user.id,
  };
  const event = await ctx.database
    .transaction(async ({ db }) => {
      const row = await insertEvent(db, input);
      await applyEventToEntity(db, [input.entity_id], input.kind);
      if (input.kind === 'complaint') await addComplaints(db, [input.entity_id]);
      await appendAudit(db, actorOf(user), {
        action: 'credit.event_recorded',
        subjectType: 'entity',
        subjectId: input.entity_id,
        orgId: input.org_id,
        after: {
          event: row.id,
          kind: input.kind,
          occurred_on: input.occurred_on,
          severity: input.severity,
          amount_yuan: input.amount_yuan,
          subject: input.subject,
          ref: input.ref,
        },
      });
      return row;
    })
    .catch((error) => {
      if ((error as { code?: string }).code === '23505')
        throw conflict(
          '该文书编号的事件已登记',
          'An event with this document number is already recorded',
          'ref',
        );
      throw error;
    });
  const rescored = await afterEvents(ctx, [input.entity_id]);
  return { id: event.id, rescored: rescored?.[0] };
}

// --- Spreadsheet import -----------------------------------------------------------------------

const EVENT_OF: Record<EventImportKind, CreditEventKind> = { penalties: 'penalty', complaints: 'complaint' };
/** Issues listed in a response; the counts cover them all. */
const MAX_ISSUES = 10_000;

export interface ImportReport {
  kind: EventImportKind;
  fileName: string;
  /** Data rows in the file (blank rows aside). */
  rows: number;
  accepted: number;
  /** Rows already recorded (same document number for the same business), in the database or earlier in the file. */
  duplicates: number;
  rejected: number;
  issues: (RowIssue & { severity: 'error' | 'warning' })[];
}

/** The file's first sheet that has a header of this kind. */
function readSheet(kind: EventImportKind, bytes: Uint8Array, fileName: string) {
  const sheets = readWorkbook(bytes, fileName);
  let problem: ImportError | undefined;
  for (const sheet of sheets) {
    try {
      return importRows(kind, sheet.rows, {}, { today: today() });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      problem ??= error;
    }
  }
  throw problem ?? new ImportError('文件中没有工作表');
}

/**
 * Imports penalties or complaints. Every row is accepted, reported as a duplicate, or rejected
 * with its line, column, value and reason; the good rows are kept whatever the bad ones are.
 */
export async function importEvents(
  ctx: AppContext,
  user: CurrentUser,
  kind: EventImportKind,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportReport> {
  let sheet: ReturnType<typeof importRows<EventImportKind>>;
  try {
    sheet = readSheet(kind, file.bytes, file.name);
  } catch (error) {
    if (error instanceof ImportError) throw invalid('file', error.message, error.message);
    throw error;
  }
  if (sheet.mapping.missing.length)
    throw invalid(
      'file',
      `${KIND_LABELS[kind]}缺少必填列：${sheet.mapping.missing.map((m) => m.label).join('、')}`,
      `Required columns are missing: ${sheet.mapping.missing.map((m) => m.fields.join(' or ')).join(', ')}`,
    );

  const issues: ImportReport['issues'] = [
    ...sheet.errors.map((i) => ({ ...i, severity: 'error' as const })),
    ...sheet.warnings.map((i) => ({ ...i, severity: 'warning' as const })),
  ];
  const rejectedLines = new Set(sheet.errors.map((i) => i.line));
  const uscc = sheet.mapping.columns.find((c) => c.field === 'uscc' || c.field === 'reg_no');
  const identifierOf = (r: EventRecord) => (r.uscc ?? r.reg_no)!;
  const businesses = await resolveBusinesses(ctx.database, [
    ...new Set(sheet.records.map((r) => identifierOf(r.record))),
  ]);

  const accepted: (EventInput & { line: number })[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { line, record } of sheet.records) {
    const identifier = identifierOf(record);
    const business = businesses.get(identifier);
    const reject = (reason: string) => {
      issues.push({
        line,
        column: uscc?.header ?? '统一社会信用代码',
        field: record.uscc ? 'uscc' : 'reg_no',
        value: identifier,
        reason,
        severity: 'error',
      });
      rejectedLines.add(line);
    };
    if (!business) {
      reject('名录库中没有该市场主体');
      continue;
    }
    if (!inRegionScope(user, business.region_code)) {
      reject('该市场主体不在您的管理范围内');
      continue;
    }
    if (record.ref) {
      const key = `${business.id}\u0000${record.ref}`;
      if (seen.has(key)) {
        duplicates++;
        issues.push({
          line,
          column: '',
          field: 'ref',
          value: record.ref,
          reason: '与文件中前面的行重复（同一主体、同一文书编号），只导入一次',
          severity: 'warning',
        });
        continue;
      }
      seen.add(key);
    }
    accepted.push({
      line,
      entity_id: business.id,
      kind: EVENT_OF[kind],
      occurred_on: record.occurred_on,
      severity: record.severity ?? null,
      amount_yuan: record.amount_yuan ?? null,
      subject: record.subject ?? null,
      ref: record.ref ?? null,
      source: 'import',
      details: { ...record.details, file: file.name },
      org_id: business.org_id,
      region_code: business.region_code,
      created_by: user.id,
    });
  }

  const importId = crypto.randomUUID();
  const inserted = await ctx.database.transaction(async ({ db }) => {
    const lines = new Set<number>();
    for (let i = 0; i < accepted.length; i += 1000) {
      const batch = accepted.slice(i, i + 1000);
      const rows = await db
        .insertInto('credit_event')
        .values(batch.map(({ line: _, ...e }) => eventValues({ ...e, import_id: importId })))
        .onConflict((oc) => oc.columns(['kind', 'entity_id', 'ref']).where('ref', 'is not', null).doNothing())
        .returning(['entity_id', 'ref'])
        .execute();
      const kept = new Set(rows.map((r) => `${r.entity_id}\u0000${r.ref}`));
      for (const e of batch) if (!e.ref || kept.has(`${e.entity_id}\u0000${e.ref}`)) lines.add(e.line);
    }
    const done = accepted.filter((e) => lines.has(e.line));
    if (kind === 'complaints')
      await addComplaints(
        db,
        done.map((e) => e.entity_id),
      );
    const report = {
      kind,
      file: file.name,
      rows: sheet.rows,
      accepted: done.length,
      duplicates: duplicates + accepted.length - done.length,
      rejected: rejectedLines.size,
    };
    await appendAudit(db, actorOf(user), {
      action: 'credit.events_imported',
      subjectType: 'credit_import',
      subjectId: importId,
      orgId: user.orgId,
      after: report,
    });
    return { done, report };
  });
  for (const e of accepted)
    if (!inserted.done.includes(e))
      issues.push({
        line: e.line,
        column: '',
        field: 'ref',
        value: e.ref ?? '',
        reason: '该文书编号的事件已登记，未重复导入',
        severity: 'warning',
      });
  await afterEvents(
    ctx,
    inserted.done.map((e) => e.entity_id),
  );
  issues.sort((a, b) => a.line - b.line || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    kind,
    fileName: file.name,
    rows: inserted.report.rows,
    accepted: inserted.report.accepted,
    duplicates: inserted.report.duplicates,
    rejected: inserted.report.rejected,
    issues: issues.slice(0, MAX_ISSUES),
  };
}

/** Businesses by USCC or 注册号. */
async function resolveBusinesses(database: Database, identifiers: string[]) {
  const map = new Map<string, { id: string; region_code: string; org_id: string }>();
  for (let i = 0; i < identifiers.length; i += 5000) {
    const { rows } = await sql<{ identifier: string; id: string; region_code: string; org_id: string }>`
      select identifier, id, region_code, org_id from entity
      where identifier = any(${identifiers.slice(i, i + 5000)}::text[])`.execute(database.db);
    for (const r of rows) map.set(r.identifier, r);
  }
  return map;
}
