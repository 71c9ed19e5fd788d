// Finding the header of a government spreadsheet: title rows above it, sometimes a second header
// row under a merged parent (抽查项目 over 抽查类别 | 抽查事项), headers with spaces, line breaks,
// full-width brackets and colons, and columns named in a dozen ways.
import { type Cell, oneLine } from './cells.ts';
import {
  type FieldKind,
  type FieldSpec,
  fieldLookup,
  fieldSpec,
  KIND_LABELS,
  normaliseHeader,
  REQUIRED,
  withoutNote,
} from './fields.ts';
import { ImportError } from './read.ts';

export interface ColumnMapping {
  /** 0-based column index. */
  index: number;
  /** The header text as it reads in the file, used to name the column in messages. */
  header: string;
  /** The field the column feeds; undefined when no field matched or an earlier column took it. */
  field?: string;
}

export interface HeaderMapping {
  kind: FieldKind;
  /** 1-based line numbers of the header row or rows. */
  headerLines: number[];
  /** 0-based index of the first data row (its line number is dataStart + 1). */
  dataStart: number;
  /** Every column with a header. */
  columns: ColumnMapping[];
  /** Header texts of the columns that feed no field. */
  unmatched: string[];
  /** Required fields without a column; `label` names them in Chinese (alternatives joined by 或). */
  missing: { fields: string[]; label: string }[];
}

/**
 * File header → standard Chinese header or API field name, e.g. { TYXYDM: '统一社会信用代码' }, or
 * IGNORE_COLUMN ('-') to leave a column out. Overrides win over the dictionaries.
 */
export type HeaderOverrides = Record<string, string>;

/** The override target that leaves a column out of the import (also 不导入 or 忽略). */
export const IGNORE_COLUMN = '-';
const IGNORE_TARGETS = new Set([IGNORE_COLUMN, '不导入', '忽略']);

/** How far down a header may sit under titles, notes and blank rows. */
export const HEADER_SCAN_ROWS = 20;

/** Normalised header → its field, or null for a column left out. */
function resolveOverrides(kind: FieldKind, overrides: HeaderOverrides): Map<string, FieldSpec | null> {
  const lookup = fieldLookup(kind);
  const resolved = new Map<string, FieldSpec | null>();
  for (const [header, target] of Object.entries(overrides)) {
    if (IGNORE_TARGETS.has(target.trim())) {
      resolved.set(normaliseHeader(header), null);
      continue;
    }
    const spec = lookup.get(normaliseHeader(target));
    if (!spec) {
      throw new ImportError(`列映射“${header}=${target}”无效：“${target}”不是${KIND_LABELS[kind]}的字段`);
    }
    resolved.set(normaliseHeader(header), spec);
  }
  return resolved;
}

interface Candidate {
  headerRows: number[];
  columns: ColumnMapping[];
  score: number;
}

/**
 * Maps one header row, or two when `upper` is given: a column's text is then tried as parent+child
 * (法定代表人 + 电话), as the child alone, and as the parent alone only when the child is empty (a
 * parent merged downwards but not filled, as in CSV).
 */
function mapRow(
  lower: readonly Cell[],
  upper: readonly Cell[] | undefined,
  match: (text: string) => FieldSpec | undefined,
): Omit<Candidate, 'headerRows'> {
  const columns: ColumnMapping[] = [];
  const taken = new Set<string>();
  const width = Math.max(lower.length, upper?.length ?? 0);
  for (let index = 0; index < width; index++) {
    const child = oneLine(lower[index]);
    const parent = upper ? oneLine(upper[index]) : '';
    const texts = !parent || parent === child ? [child] : child ? [parent + child, child] : [parent];
    if (!texts[0]) continue;
    let column: ColumnMapping = { index, header: texts[texts.length - 1] };
    for (const text of texts) {
      const spec = match(text);
      if (spec) {
        column = { index, header: text };
        if (spec.list || !taken.has(spec.field)) column.field = spec.field;
        taken.add(spec.field);
        break;
      }
    }
    columns.push(column);
  }
  return { columns, score: taken.size };
}

/**
 * Finds the header among the first rows and maps its columns to the fields of `kind`. Throws an
 * ImportError when no row looks like a header of this kind (fewer than two known columns).
 */
export function detectHeader(
  rows: readonly (readonly Cell[])[],
  kind: FieldKind,
  overrides: HeaderOverrides = {},
): HeaderMapping {
  const lookup = fieldLookup(kind);
  const overridden = resolveOverrides(kind, overrides);
  const match = (text: string): FieldSpec | undefined => {
    const key = normaliseHeader(text);
    const override = overridden.get(key);
    if (override !== undefined) return override ?? undefined;
    return lookup.get(key) ?? lookup.get(withoutNote(key));
  };

  let best: Candidate | undefined;
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    // A single row is preferred; a pair of rows only when it recognises more fields.
    const candidates: Candidate[] = [{ headerRows: [r], ...mapRow(rows[r], undefined, match) }];
    if (r > 0) candidates.push({ headerRows: [r - 1, r], ...mapRow(rows[r], rows[r - 1], match) });
    for (const candidate of candidates) {
      if (!best || candidate.score > best.score) best = candidate;
    }
  }
  if (!best || best.score < 2) {
    const examples = requiredExamples(kind);
    throw new ImportError(
      `未找到表头：前 ${HEADER_SCAN_ROWS} 行中没有可识别的${KIND_LABELS[kind]}列名（如${examples}）`,
    );
  }

  const mapped = new Set(best.columns.flatMap((c) => (c.field ? [c.field] : [])));
  return {
    kind,
    headerLines: best.headerRows.map((r) => r + 1),
    dataStart: best.headerRows[best.headerRows.length - 1] + 1,
    columns: best.columns,
    unmatched: best.columns.filter((c) => !c.field).map((c) => c.header),
    missing: REQUIRED[kind]
      .filter((fields) => !fields.some((f) => mapped.has(f)))
      .map((fields) => ({
        fields: [...fields],
        label: fields.map((f) => fieldSpec(kind, f).label).join('或'),
      })),
  };
}

/** The first required fields' standard headers, to tell the user what a header should contain. */
function requiredExamples(kind: FieldKind): string {
  return REQUIRED[kind]
    .slice(0, 3)
    .map((fields) => `“${fieldSpec(kind, fields[0]).label}”`)
    .join('、');
}
