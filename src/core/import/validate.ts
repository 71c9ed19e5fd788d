// Row validation per kind, and the one-call import of a sheet that is already in memory.
import type { Cell } from './cells.ts';
import { type EventRecord, eventBuilder } from './credit.ts';
import { type EntityRecord, entityBuilder } from './entity.ts';
import type { FieldKind, ImportKind } from './fields.ts';
import { detectHeader, type HeaderMapping, type HeaderOverrides } from './header.ts';
import { type InspectorRecord, inspectorBuilder } from './inspector.ts';
import {
  type ItemRecord,
  itemBuilder,
  itemKey,
  type JointItemRecord,
  jointItemBuilder,
  type LineRecord,
  mergeItemRows,
} from './item.ts';
import { fieldColumns, Row, type RowIssue, type RowResult, type ValidatorOptions } from './row.ts';

export interface RecordOf {
  entities: EntityRecord;
  inspectors: InspectorRecord;
  items: ItemRecord;
  joint_items: JointItemRecord;
  penalties: EventRecord;
  complaints: EventRecord;
}

export type RowValidator<R> = (cells: readonly Cell[], line: number) => RowResult<R>;

/**
 * A stateless validator for the data rows of one file: it turns a row's cells into a normalised
 * record, or explains in Chinese why the row is rejected. `line` is the 1-based spreadsheet line.
 */
export function makeRowValidator<K extends FieldKind>(
  kind: K,
  mapping: HeaderMapping,
  options: ValidatorOptions = {},
): RowValidator<RecordOf[K]> {
  const columns = fieldColumns(mapping);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const builders = {
    entities: () => entityBuilder(columns),
    inspectors: () => inspectorBuilder(options),
    items: () => itemBuilder(options),
    joint_items: () => jointItemBuilder(options),
    penalties: () => eventBuilder('penalties', columns, today),
    complaints: () => eventBuilder('complaints', columns, today),
  };
  const build = builders[kind]() as (row: Row) => RecordOf[K] | undefined;
  return (cells, line) => {
    const row = new Row(columns, cells, line);
    if (row.isBlank()) return { errors: [], warnings: [] };
    const record = build(row);
    return { record: row.errors.length ? undefined : record, errors: row.errors, warnings: row.warnings };
  };
}

/** The key under which the database merges duplicates. */
export function naturalKey<K extends ImportKind>(kind: K, record: RecordOf[K]): string {
  switch (kind) {
    case 'entities': {
      const entity = record as EntityRecord;
      return (entity.uscc ?? entity.reg_no) as string;
    }
    case 'inspectors':
      return (record as InspectorRecord).cert_no;
    case 'items':
      return itemKey(record as ItemRecord);
    default: {
      const joint = record as JointItemRecord;
      return [joint.name, joint.initiating_department].join('\u001f');
    }
  }
}

export interface SheetImport<R> {
  mapping: HeaderMapping;
  records: LineRecord<R>[];
  /** Every issue of a rejected row. */
  errors: RowIssue[];
  warnings: RowIssue[];
  /** Data rows that held anything (accepted or rejected). */
  rows: number;
}

/**
 * Imports the rows of an in-memory sheet: finds the header, validates every data row and, for
 * item lists, joins the rows that continue one item. Streamed CSV uses detectHeader and
 * makeRowValidator directly.
 */
export function importRows<K extends FieldKind>(
  kind: K,
  rows: readonly (readonly Cell[])[],
  overrides: HeaderOverrides = {},
  options: ValidatorOptions = {},
): SheetImport<RecordOf[K]> {
  const mapping = detectHeader(rows, kind, overrides);
  const validate = makeRowValidator(kind, mapping, options);
  let records: LineRecord<RecordOf[K]>[] = [];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  let count = 0;
  for (let i = mapping.dataStart; i < rows.length; i++) {
    const result = validate(rows[i], i + 1);
    if (result.record) records.push({ line: i + 1, record: result.record });
    if (result.record || result.errors.length) count++;
    errors.push(...result.errors);
    warnings.push(...result.warnings);
  }
  if (kind === 'items') {
    records = mergeItemRows(records as LineRecord<ItemRecord>[]) as LineRecord<RecordOf[K]>[];
  }
  return { mapping, records, errors, warnings, rows: count };
}
