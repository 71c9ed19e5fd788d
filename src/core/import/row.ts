// One data row under validation: its cells by field, and the issues found so far. Validators run
// on millions of rows, so the column lookup is prepared once per file and a row costs one object.
import { type Cell, displayText, isBlank } from './cells.ts';
import { type FieldKind, fieldSpec } from './fields.ts';
import type { ColumnMapping, HeaderMapping } from './header.ts';

export interface RowIssue {
  /** 1-based spreadsheet line. */
  line: number;
  /** The column's header text in the file (the standard header when the file has no such column). */
  column: string;
  field: string;
  value: string;
  /** In Chinese, for the user. */
  reason: string;
}

export interface RowResult<R> {
  /** Present when the row is accepted: it had no errors. Blank rows give neither record nor issues. */
  record?: R;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface ValidatorOptions {
  /** The uploading department, used for items and inspectors whose row names no department. */
  department?: string;
  /** Today's date (ISO), after which an event cannot have happened; defaults to the clock's. */
  today?: string;
}

/** The columns of each field in one file. */
export interface FieldColumns {
  kind: FieldKind;
  byField: Map<string, ColumnMapping[]>;
}

export function fieldColumns(mapping: HeaderMapping): FieldColumns {
  const byField = new Map<string, ColumnMapping[]>();
  for (const column of mapping.columns) {
    if (column.field) byField.set(column.field, [...(byField.get(column.field) ?? []), column]);
  }
  return { kind: mapping.kind, byField };
}

export class Row {
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  readonly columns: FieldColumns;
  readonly cells: readonly Cell[];
  readonly line: number;

  constructor(columns: FieldColumns, cells: readonly Cell[], line: number) {
    this.columns = columns;
    this.cells = cells;
    this.line = line;
  }

  isBlank(): boolean {
    return this.cells.every((cell) => isBlank(cell));
  }

  has(field: string): boolean {
    return this.columns.byField.has(field);
  }

  /** The cell of the field's first column; null when the file has no such column. */
  cell(field: string): Cell {
    const column = this.columns.byField.get(field)?.[0];
    return column ? (this.cells[column.index] ?? null) : null;
  }

  /** The cells of every column of a list field. */
  all(field: string): Cell[] {
    return (this.columns.byField.get(field) ?? []).map((column) => this.cells[column.index] ?? null);
  }

  error(field: string, reason: string, value = displayText(this.cell(field))): void {
    this.errors.push(this.issue(field, reason, value));
  }

  warn(field: string, reason: string, value = displayText(this.cell(field))): void {
    this.warnings.push(this.issue(field, reason, value));
  }

  /** The field's text through `normalise`, or an error naming the field when it is empty. */
  required(field: string, normalise: (cell: Cell) => string): string {
    const text = normalise(this.cell(field));
    if (!text) this.error(field, `${this.label(field)}不能为空`);
    return text;
  }

  /** The field's text through `normalise`, or undefined when it is empty. */
  optional(field: string, normalise: (cell: Cell) => string): string | undefined {
    return normalise(this.cell(field)) || undefined;
  }

  label(field: string): string {
    return fieldSpec(this.columns.kind, field).label;
  }

  private issue(field: string, reason: string, value: string): RowIssue {
    const column = this.columns.byField.get(field)?.[0]?.header ?? this.label(field);
    return { line: this.line, column, field, value, reason };
  }
}

/** Looks a value up in an enumeration: the API value itself, or the first pattern that matches. */
export function enumValue<T extends string>(text: string, patterns: readonly [RegExp, T][]): T | undefined {
  for (const [pattern, value] of patterns) {
    if (text === value || pattern.test(text)) return value;
  }
  return undefined;
}

/**
 * An optional field parsed by `parse`: a value that cannot be read is dropped with a warning,
 * because a missing optional field never rejects a row.
 */
export function optionalParsed<T>(
  row: Row,
  field: string,
  parse: (cell: Cell) => T | undefined,
  problem: string,
): T | undefined {
  const cell = row.cell(field);
  if (isBlank(cell)) return undefined;
  const value = parse(cell);
  if (value === undefined) row.warn(field, `${row.label(field)}“${displayText(cell)}”${problem}，已忽略`);
  return value;
}
