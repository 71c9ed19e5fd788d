// Credit events from spreadsheets: administrative penalties and complaints, each row naming its
// business by USCC or 注册号 (resolved to a business by the importer), with the event's date.
import {
  type Cell,
  codeText,
  displayText,
  isBlank,
  multiLine,
  oneLine,
  parseDate,
  parseDecimal,
  shiftDecimal,
} from './cells.ts';
import type { EventImportKind } from './credit-fields.ts';
import { identity } from './entity.ts';
import { enumValue, type FieldColumns, optionalParsed, type Row } from './row.ts';

export interface EventRecord {
  uscc?: string;
  reg_no?: string;
  /** The business's name as the file gives it, to name the row in messages. */
  name?: string;
  /** ISO date. */
  occurred_on: string;
  /** 1 一般, 2 较重, 3 严重 (penalties). */
  severity?: number;
  /** Fine in yuan, an exact decimal string. */
  amount_yuan?: string;
  subject?: string;
  ref?: string;
  details: Record<string, string>;
}

const SEVERITIES: readonly [RegExp, string][] = [
  [/^(一般|轻微|较轻)/, '1'],
  [/^较重/, '2'],
  [/^(严重|特别严重|情节严重)/, '3'],
];

/** Penalties that close or bar a business are serious whatever the fine. */
const SERIOUS_PENALTY = /吊销|停产停业|责令关闭|限制开展生产经营|限制从业|降低资质等级/;
/** Fines from these amounts (yuan) count as 较重 and 严重 when the file gives no severity. */
const FINE_SEVERITY: readonly [number, number][] = [
  [100_000, 3],
  [10_000, 2],
];

/** A fine: '5000', '5,000.00', '0.5万元'; bare numbers are yuan unless the column says 万元. */
function parseAmount(cell: Cell, columnInWan: boolean): string | undefined {
  const text = codeText(cell).replace(/^人民币|\(?人民币\)?$/g, '');
  const m = /^([\d,]+(?:\.\d+)?)(万元|万|元)?$/.exec(text);
  const amount = m ? parseDecimal(m[1]) : undefined;
  if (!m || amount === undefined) return undefined;
  const inWan = m[2] === '万元' || m[2] === '万' || (m[2] === undefined && columnInWan);
  return inWan ? shiftDecimal(amount, 4) : amount;
}

/** The event's date: required, a real date, and not in the future. */
function eventDate(row: Row, today: string): string | undefined {
  const cell = row.cell('occurred_on');
  if (isBlank(cell)) {
    row.error('occurred_on', `${row.label('occurred_on')}不能为空`);
    return undefined;
  }
  const date = parseDate(cell);
  if (!date) row.error('occurred_on', `${row.label('occurred_on')}“${displayText(cell)}”不是有效日期`);
  else if (date > today) row.error('occurred_on', `${row.label('occurred_on')}晚于今天`);
  return date;
}

function details(row: Row, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const text = multiLine(row.cell(field)).slice(0, 500);
    if (text) out[field] = text;
  }
  return out;
}

/** Builds the validator of one kind of event rows for the columns of one file. */
export function eventBuilder(
  kind: EventImportKind,
  columns: FieldColumns,
  today: string,
): (row: Row) => EventRecord | undefined {
  const amountHeader = columns.byField.get('amount_yuan')?.[0]?.header ?? '';
  const amountInWan = /万元/.test(amountHeader);

  return (row) => {
    const id = identity(row);
    const occurred_on = eventDate(row, today);
    const common = {
      uscc: id?.uscc,
      reg_no: id?.uscc ? undefined : id?.reg_no,
      name: row.optional('name', oneLine),
      ref: row.optional('ref', oneLine),
      subject: row.optional('subject', oneLine),
    };
    if (kind === 'complaints') {
      if (row.errors.length || !id || !occurred_on) return undefined;
      return { ...common, occurred_on, details: details(row, ['channel', 'summary']) };
    }

    const amount_yuan = optionalParsed(
      row,
      'amount_yuan',
      (c) => parseAmount(c, amountInWan),
      '无法识别为人民币金额',
    );
    const severityText = oneLine(row.cell('severity'));
    let severity = severityText ? Number(enumValue(severityText, SEVERITIES)) || undefined : undefined;
    if (severityText && !severity)
      row.warn(
        'severity',
        `违法情节“${severityText}”无法识别（应为一般、较重或严重），已按处罚种类和罚款金额判定`,
      );
    if (!severity) {
      const fine = Number(amount_yuan ?? 0);
      severity = SERIOUS_PENALTY.test(common.subject ?? '')
        ? 3
        : (FINE_SEVERITY.find(([from]) => fine >= from)?.[1] ?? 1);
    }
    if (row.errors.length || !id || !occurred_on) return undefined;
    return {
      ...common,
      occurred_on,
      severity,
      amount_yuan,
      details: details(row, ['reason', 'authority']),
    };
  };
}
