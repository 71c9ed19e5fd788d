// Readers for untrusted spreadsheets: .xlsx/.xls through SheetJS, CSV through csv-parse, both into
// plain grids of cells. Files come from anyone who can upload, so sizes are capped before parsing
// and every failure is reported in Chinese.
import { pipeline, Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { type Options as CsvOptions, parse as parseCsvStream } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type Cell, excelSerialToIso, numberText, shiftDecimal } from './cells.ts';

export interface Sheet {
  name: string;
  /** Rows from the top of the sheet (row index + 1 is the spreadsheet's line number). */
  rows: Cell[][];
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
}

/** Workbooks are parsed whole in memory, so they stay small; Excel itself stops at 1,048,576 rows. */
export const WORKBOOK_LIMITS: ImportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 1_048_576,
  maxColumns: 256,
};

/** Streamed CSV is never held whole; the caps only stop runaway input (a city has 6.43 million entities). */
export const CSV_STREAM_LIMITS: ImportLimits = {
  maxBytes: 16 * 1024 ** 3,
  maxRows: 50_000_000,
  maxColumns: 256,
};

/** A file that cannot be imported at all; the message is for the user. */
export class ImportError extends Error {
  override name = 'ImportError';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function tooLarge(bytes: number, limits: ImportLimits): ImportError {
  return new ImportError(`文件过大（超过 ${megabytes(bytes)}），上限为 ${megabytes(limits.maxBytes)}`);
}

function checkRow(line: number, columns: number, limits: ImportLimits): void {
  if (line > limits.maxRows) {
    throw new ImportError(`文件行数超过上限 ${limits.maxRows.toLocaleString('en-US')} 行`);
  }
  if (columns > limits.maxColumns) {
    throw new ImportError(`第 ${line} 行有 ${columns} 列，超过上限 ${limits.maxColumns} 列`);
  }
}

// --- Workbooks ---------------------------------------------------------------------------------

/**
 * Every sheet of an .xlsx, .xls or (small) .csv file as a grid. Merged cells are filled, so a merged
 * department or category applies to every row under it; numbers stay numbers; date-formatted cells
 * become ISO dates and percent-formatted cells text such as '5%'.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, limits = WORKBOOK_LIMITS): Sheet[] {
  if (bytes.byteLength > limits.maxBytes) throw tooLarge(bytes.byteLength, limits);
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') {
    const rows = parseCsvText(decodeText(bytes));
    for (let i = 0; i < rows.length; i++) checkRow(i + 1, rows[i].length, limits);
    return [{ name: fileName.replace(/^.*[/\\]|\.[^.]+$/g, ''), rows }];
  }
  if (extension !== 'xlsx' && extension !== 'xls' && extension !== 'xlsm') {
    throw new ImportError(`不支持的文件类型“${fileName}”，请上传 .xlsx、.xls 或 .csv 文件`);
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
    });
  } catch (error) {
    throw new ImportError(`无法读取表格文件“${fileName}”：${(error as Error).message}`);
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  return workbook.SheetNames.map((name) => ({
    name,
    rows: sheetRows(workbook.Sheets[name], date1904, limits),
  }));
}

function convertCell(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return cell.v === '' ? null : String(cell.v);
    case 'n': {
      const value = cell.v as number;
      const format = typeof cell.z === 'string' ? cell.z : '';
      if (format && XLSX.SSF.is_date(format)) return excelSerialToIso(value, date1904);
      // Excel stores 5% as 0.05; keep what the user typed so a ratio is not mistaken for 0.05%.
      const text = numberText(value);
      if (format.includes('%') && /^\d+(\.\d+)?$/.test(text)) return `${shiftDecimal(text, 2)}%`;
      return value;
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    default:
      // Error cells (#N/A, #VALUE!) and stubs carry no value worth importing.
      return null;
  }
}

function sheetRows(sheet: XLSX.WorkSheet, date1904: boolean, limits: ImportLimits): Cell[][] {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  // The sheet's own range often claims formatted but empty rows and columns; use the cells with values.
  let lastRow = -1;
  let lastColumn = -1;
  const rows: Cell[][] = [];
  for (let r = 0; r < data.length; r++) {
    const source = data[r] ?? [];
    const row: Cell[] = [];
    for (let c = 0; c < source.length; c++) {
      const value = convertCell(source[c], date1904);
      row.push(value);
      if (value !== null) {
        lastRow = r;
        if (c > lastColumn) lastColumn = c;
      }
    }
    rows.push(row);
  }
  checkRow(lastRow + 1, lastColumn + 1, limits);
  const grid = Array.from({ length: lastRow + 1 }, (_, r) =>
    Array.from({ length: lastColumn + 1 }, (_, c) => rows[r]?.[c] ?? null),
  );
  // Merges are clipped to the cells with values: rows or columns beyond them would hold nothing but
  // copies, and a title merged across all 16,384 columns must not count as a wide sheet.
  for (const merge of sheet['!merges'] ?? []) {
    const value = grid[merge.s.r]?.[merge.s.c] ?? null;
    for (let r = merge.s.r; r <= Math.min(merge.e.r, lastRow); r++) {
      for (let c = merge.s.c; c <= Math.min(merge.e.c, lastColumn); c++) grid[r][c] = value;
    }
  }
  return grid;
}

// --- CSV ---------------------------------------------------------------------------------------

const CSV_OPTIONS: CsvOptions = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  // Empty lines stay as rows so that row numbers match what Excel shows for the same file.
  skip_empty_lines: false,
  // An unclosed quote would otherwise swallow the rest of the file into one field.
  max_record_size: 1024 * 1024,
};

function csvError(error: unknown): Error {
  if (error instanceof ImportError) return error;
  const { message, lines } = error as { message: string; lines?: number };
  return new ImportError(`CSV 格式错误${lines ? `（第 ${lines} 行附近）` : ''}：${message}`);
}

function rejectUtf16(bytes: Uint8Array): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportError('不支持 UTF-16 编码的文本文件，请另存为 CSV（UTF-8 或 GBK 编码）');
  }
}

function isUtf8(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 (with or without BOM) when the bytes decode strictly as UTF-8, otherwise GB18030 (a superset of GBK). */
function decodeText(bytes: Uint8Array): string {
  rejectUtf16(bytes);
  if (isUtf8(bytes, false)) return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(bytes, 'gb18030');
}

function parseCsvText(text: string): string[][] {
  try {
    return parseCsvSync(text, CSV_OPTIONS) as string[][];
  } catch (error) {
    throw csvError(error);
  }
}

type Decode = (chunk: Uint8Array, end: boolean) => string;

function chooseDecoder(first: Uint8Array): Decode {
  rejectUtf16(first);
  if (isUtf8(first, true)) {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return (chunk, end) => decoder.decode(chunk, { stream: !end });
  }
  const decoder = iconv.getDecoder('gb18030');
  return (chunk, end) => decoder.write(Buffer.from(chunk)) + (end ? (decoder.end() ?? '') : '');
}

/** How much of the start of a stream decides its encoding; callers' chunks may be far smaller. */
const DETECT_BYTES = 64 * 1024;

async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): AsyncGenerator<string> {
  let decode: Decode | undefined;
  let start: Uint8Array[] = [];
  let bytes = 0;
  const decodeAt = (chunk: Uint8Array, offset: number, end: boolean): string => {
    try {
      return (decode as Decode)(chunk, end);
    } catch {
      // Only the strict UTF-8 decoder throws: the start of the file was UTF-8, this part is not.
      throw new ImportError(`文件开头是 UTF-8 编码，但第 ${offset + 1} 字节之后出现了非 UTF-8 内容`);
    }
  };
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > limits.maxBytes) throw tooLarge(bytes, limits);
    if (decode) {
      yield decodeAt(chunk, bytes - chunk.byteLength, false);
      continue;
    }
    start.push(chunk);
    if (bytes >= DETECT_BYTES) {
      const head = Buffer.concat(start);
      start = [];
      decode = chooseDecoder(head);
      yield decodeAt(head, 0, false);
    }
  }
  if (!decode) {
    const head = Buffer.concat(start);
    decode = chooseDecoder(head);
    yield decodeAt(head, 0, true);
  } else yield decodeAt(new Uint8Array(0), bytes, true);
}

/**
 * Rows of a CSV file of any size, read chunk by chunk: the encoding (UTF-8 or GB18030/GBK) is
 * detected from the first 64 KiB, and only about a chunk's worth of text is held at a time.
 */
export async function* csvRows(
  chunks: AsyncIterable<Uint8Array>,
  limits = CSV_STREAM_LIMITS,
): AsyncGenerator<string[]> {
  // pipeline() destroys every stage when one fails or when the caller stops early.
  const parser = pipeline(Readable.from(decodeChunks(chunks, limits)), parseCsvStream(CSV_OPTIONS), () => {});
  let line = 0;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      line++;
      checkRow(line, row.length, limits);
      yield row;
    }
  } catch (error) {
    throw csvError(error);
  }
}
