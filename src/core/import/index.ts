// The import core: untrusted CSV/.xlsx/.xls files → validated, normalised register records, with
// a Chinese reason for every rejected row. Pure: no database, no file system.
export type { Cell } from './cells.ts';
export { excelSerialToIso, parseDate } from './cells.ts';
export type { EventRecord } from './credit.ts';
export type { EventImportKind } from './credit-fields.ts';
export type { EntityKind, EntityRecord, EntityStatus } from './entity.ts';
export { FIELDS, type FieldKind, type FieldSpec, type ImportKind, KIND_LABELS, REQUIRED } from './fields.ts';
export {
  type ColumnMapping,
  detectHeader,
  HEADER_SCAN_ROWS,
  type HeaderMapping,
  type HeaderOverrides,
  IGNORE_COLUMN,
} from './header.ts';
export type { InspectorRecord, InspectorStatus } from './inspector.ts';
export {
  type ItemRecord,
  type ItemType,
  type JointItemRecord,
  type LineRecord,
  mergeItemRows,
} from './item.ts';
export {
  CSV_STREAM_LIMITS,
  csvRows,
  ImportError,
  type ImportLimits,
  readWorkbook,
  type Sheet,
  WORKBOOK_LIMITS,
} from './read.ts';
export type { RowIssue, RowResult, ValidatorOptions } from './row.ts';
export {
  importRows,
  makeRowValidator,
  naturalKey,
  type RecordOf,
  type RowValidator,
  type SheetImport,
} from './validate.ts';
