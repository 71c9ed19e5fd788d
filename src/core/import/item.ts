// 随机抽查事项清单 and 联合抽查事项清单, as official lists publish them.
import {
  type Cell,
  codeText,
  multiLine,
  numberText,
  oneLine,
  parseDecimal,
  shiftDecimal,
  splitList,
} from './cells.ts';
import { enumValue, optionalParsed, type Row, type RowIssue, type ValidatorOptions } from './row.ts';

export type ItemType = 'general' | 'key';

export interface ItemRecord {
  owner_department: string;
  seq?: number;
  category: string;
  name: string;
  target: string;
  item_type: ItemType;
  methods: string[];
  subject: string;
  /** Line breaks kept as \n. */
  legal_basis: string;
  /** 抽查比例 in basis points: 5% = 500. */
  ratio_bp?: number;
  frequency?: string;
  level?: string;
  code?: string;
}

export interface JointItemRecord {
  seq?: number;
  field: string;
  name: string;
  target: string;
  initiating_department: string;
  cooperating_departments: string[];
}

const ITEM_TYPES: readonly [RegExp, ItemType][] = [
  [/^一般/, 'general'],
  [/^重点/, 'key'],
];

/** 序号 as a whole number. */
function parseSeq(cell: Cell): number | undefined {
  const text = typeof cell === 'number' ? numberText(cell) : codeText(cell);
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/**
 * 抽查比例 in basis points: '5%', '不低于5%', '3‰', a fraction ('0.05') or bare percent points ('5').
 * Percent-formatted spreadsheet cells arrive as text ('5%'), so a bare number below 1 is a fraction.
 */
export function parseRatio(cell: Cell): number | undefined {
  const m = /(\d+(?:\.\d+)?)(%|‰)?/.exec(typeof cell === 'number' ? numberText(cell) : codeText(cell));
  const value = m ? parseDecimal(m[1]) : undefined;
  if (!m || value === undefined) return undefined;
  const places = m[2] === '%' ? 2 : m[2] === '‰' ? 1 : Number(value) < 1 ? 4 : 2;
  const bp = shiftDecimal(value, places);
  return /^\d+$/.test(bp) && Number(bp) <= 10_000 ? Number(bp) : undefined;
}

/** 检查方式: the list without the trailing 等 (etc.) that lists write after the last method. */
function parseMethods(cells: Cell[]): string[] {
  const methods = cells.flatMap(splitList).map((m) => m.replace(/等$/, ''));
  return [...new Set(methods.filter(Boolean))];
}

function department(row: Row, field: string, options: ValidatorOptions): string {
  const text = oneLine(row.cell(field)) || options.department || '';
  if (!text) row.error(field, `${row.label(field)}不能为空`);
  return text;
}

export function itemBuilder(options: ValidatorOptions): (row: Row) => ItemRecord | undefined {
  return (row) => {
    const owner_department = department(row, 'owner_department', options);
    const category = row.required('category', oneLine);
    const name = row.required('name', oneLine);
    const target = row.required('target', oneLine);

    const typeText = oneLine(row.cell('item_type'));
    const item_type = typeText ? enumValue(typeText, ITEM_TYPES) : undefined;
    if (!typeText) row.error('item_type', '事项类别不能为空');
    else if (!item_type)
      row.error('item_type', `事项类别“${typeText}”无法识别（应为一般检查事项或重点检查事项）`);

    const methods = parseMethods(row.all('methods'));
    if (!methods.length) row.error('methods', '检查方式不能为空');
    const subject = row.required('subject', multiLine);
    const legal_basis = row.required('legal_basis', multiLine);

    // 不设上限 (no cap, usual for key items) is a value, not a malformed ratio.
    const ratioText = oneLine(row.cell('ratio_bp'));
    const ratio_bp = /不设上限|不限|无上限/.test(ratioText)
      ? undefined
      : optionalParsed(row, 'ratio_bp', parseRatio, '无法识别为百分比');

    if (row.errors.length || !item_type) return undefined;
    return {
      owner_department,
      seq: optionalParsed(row, 'seq', parseSeq, '应为整数'),
      category,
      name,
      target,
      item_type,
      methods,
      subject,
      legal_basis,
      ratio_bp,
      frequency: row.optional('frequency', oneLine),
      level: row.optional('level', oneLine),
      code: row.optional('code', codeText),
    };
  };
}

export function jointItemBuilder(options: ValidatorOptions): (row: Row) => JointItemRecord | undefined {
  return (row) => {
    const record: JointItemRecord = {
      seq: optionalParsed(row, 'seq', parseSeq, '应为整数'),
      field: row.required('field', oneLine),
      name: row.required('name', oneLine),
      target: row.required('target', oneLine),
      initiating_department: department(row, 'initiating_department', options),
      cooperating_departments: [...new Set(row.all('cooperating_departments').flatMap(splitList))],
    };
    if (!record.cooperating_departments.length) {
      row.error('cooperating_departments', '联合抽查事项至少需要一个配合部门');
    }
    return row.errors.length ? undefined : record;
  };
}

/** An item's identity in the database: department, category and name. */
export function itemKey(record: ItemRecord): string {
  return [record.owner_department, record.category, record.name].join('\u001f');
}

export interface LineRecord<R> {
  /** The record's first spreadsheet line. */
  line: number;
  record: R;
}

function sameItem(a: ItemRecord, b: ItemRecord): boolean {
  return (
    itemKey(a) === itemKey(b) &&
    a.seq === b.seq &&
    a.target === b.target &&
    a.item_type === b.item_type &&
    a.code === b.code &&
    a.methods.join('、') === b.methods.join('、')
  );
}

function appendLines(text: string, more: string): string {
  const lines = text.split('\n');
  return [...lines, ...more.split('\n').filter((line) => !lines.includes(line))].join('\n');
}

/**
 * Official lists spread one item over several rows: its cells merged down while the legal basis or
 * the subject goes on in the next row (the Hainan 2020 list has 387 rows for 293 items). Consecutive
 * rows describing the same item (same key, 序号, target, type, code and methods) become one item
 * whose legal basis and subject collect the lines of all its rows.
 *
 * Rows with the same natural key but a different target or type stay separate items (Hainan lists
 * 食品经营许可情况的检查 for 餐饮服务经营者 as general and for school canteens as key); each such
 * row gets a warning because the database, keyed by department + category + name, merges them.
 */
export function mergeItemRows(rows: readonly LineRecord<ItemRecord>[]): {
  items: LineRecord<ItemRecord>[];
  warnings: RowIssue[];
} {
  const items: LineRecord<ItemRecord>[] = [];
  const warnings: RowIssue[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, record } of rows) {
    const last = items[items.length - 1];
    if (last && sameItem(last.record, record)) {
      last.record = {
        ...last.record,
        subject: appendLines(last.record.subject, record.subject),
        legal_basis: appendLines(last.record.legal_basis, record.legal_basis),
        ratio_bp: last.record.ratio_bp ?? record.ratio_bp,
        frequency: last.record.frequency ?? record.frequency,
        level: last.record.level ?? record.level,
      };
      continue;
    }
    const key = itemKey(record);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else {
      warnings.push({
        line,
        column: '抽查事项',
        field: 'name',
        value: record.name,
        reason: `与第 ${first} 行的编制单位、抽查类别和抽查事项相同，入库时将与之合并为一项`,
      });
    }
    items.push({ line, record });
  }
  return { items, warnings };
}
