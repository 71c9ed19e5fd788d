// Tables for download: CSV that Excel opens with Chinese intact (UTF-8 with a byte-order mark) and
// .xlsx workbooks whose codes stay text. Pure: the caller streams or hands the bytes over.
import * as XLSX from '@e965/xlsx';

export type TableValue = string | number | boolean | null | undefined;

export interface TableSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly TableValue[])[];
  /** Column widths in characters; defaults from the header. */
  widths?: readonly number[];
}

/** Excel reads a CSV as UTF-8 only when it starts with this mark. */
export const CSV_BOM = '\ufeff';

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe,
 * so that an exported value can never execute when the file is opened (CSV injection).
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

function csvField(value: TableValue): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? inert(value)
      : typeof value === 'boolean'
        ? value
          ? '是'
          : '否'
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its line end (CRLF, as Excel writes). */
export function csvLine(values: readonly TableValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A workbook of text and number cells; strings never become formulas or numbers. */
export function workbookBytes(sheets: readonly TableSheet[]): Uint8Array {
  const workbook = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const data = [
      [...sheet.header],
      ...sheet.rows.map((row) => row.map((v) => (typeof v === 'boolean' ? (v ? '是' : '否') : (v ?? null)))),
    ];
    const ws = XLSX.utils.aoa_to_sheet(data, { cellDates: false });
    ws['!cols'] = (sheet.widths ?? sheet.header.map((h) => Math.max(8, h.length * 2 + 2))).map((wch) => ({
      wch,
    }));
    XLSX.utils.book_append_sheet(workbook, ws, sheet.name.slice(0, 31));
  }
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true }));
}
