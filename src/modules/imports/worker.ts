// The worker thread that reads an uploaded file: it finds the header, validates every row and sends
// the accepted rows back already encoded for COPY, with the issues and the rejected rows' cells. The
// server's own thread never parses an untrusted file, and a file that exhausts the worker's memory
// ends the worker, not the server.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { type Cell, displayText } from '../../core/import/cells.ts';
import {
  csvRows,
  detectHeader,
  HEADER_SCAN_ROWS,
  type HeaderMapping,
  ImportError,
  type ItemRecord,
  type LineRecord,
  makeRowValidator,
  mergeItemRows,
  type RecordOf,
  type RowIssue,
  readWorkbook,
  type Sheet,
} from '../../core/import/index.ts';
import { encodeRow } from '../../db/copy.ts';
import type { Detection, ParseRequest, RejectedRow, WorkerMessage } from './parse.ts';
import { stageRowBuilder } from './stage-rows.ts';

const BATCH_ROWS = 20_000;
const BATCH_CHARS = 4 * 1024 * 1024;
/** Batches sent but not yet taken by the COPY: enough to keep both threads busy, little memory. */
const IN_FLIGHT = 3;
const SAMPLE_ROWS = 5;

const request = workerData as ParseRequest;
const port = parentPort!;

let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (message: { type: 'ack' }) => {
  if (message.type === 'ack') {
    inFlight--;
    wake?.();
  }
});

function post(message: WorkerMessage): Promise<void> {
  port.postMessage(message);
  if (message.type !== 'batch') return Promise.resolve();
  inFlight++;
  if (inFlight < IN_FLIGHT) return Promise.resolve();
  return new Promise((resolve) => {
    wake = () => {
      if (inFlight < IN_FLIGHT) {
        wake = undefined;
        resolve();
      }
    };
  });
}

interface Source {
  sheet: string;
  rows: AsyncIterator<Cell[]>;
  /** Data rows and blanks in a workbook; unknown for streamed CSV. */
  totalRows?: number;
  /** Share of the file read so far (CSV). */
  fraction(): number;
}

const isCsv = (fileName: string) => /\.csv$/i.test(fileName);

async function* arrayRows(rows: Cell[][]): AsyncGenerator<Cell[]> {
  yield* rows;
}

/** The first sheet whose header has every required column, else the first with a header at all. */
function chooseSheet(sheets: Sheet[]): Sheet {
  let fallback: Sheet | undefined;
  for (const sheet of sheets) {
    try {
      const mapping = detectHeader(sheet.rows.slice(0, HEADER_SCAN_ROWS), request.kind, request.overrides);
      if (!mapping.missing.length) return sheet;
      fallback ??= sheet;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
    }
  }
  return fallback ?? sheets[0];
}

function openSource(): Source {
  const { filePath, fileName } = request;
  if (isCsv(fileName)) {
    const size = statSync(filePath).size || 1;
    let read = 0;
    const stream = createReadStream(filePath, { highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => {
      read += chunk.length;
    });
    return {
      sheet: fileName.replace(/^.*[/\\]|\.[^.]+$/g, ''),
      rows: csvRows(stream)[Symbol.asyncIterator](),
      fraction: () => read / size,
    };
  }
  const sheets = readWorkbook(readFileSync(filePath), fileName);
  if (!sheets.length) throw new ImportError('表格文件中没有工作表');
  const sheet = chooseSheet(sheets);
  return {
    sheet: sheet.name,
    rows: arrayRows(sheet.rows),
    totalRows: sheet.rows.length,
    fraction: () => 0,
  };
}

function describe(mapping: HeaderMapping, sheet: string, head: Cell[][]): Detection {
  const width = Math.max(0, ...mapping.columns.map((c) => c.index + 1));
  return {
    sheet,
    headerLines: mapping.headerLines,
    dataStart: mapping.dataStart,
    columns: mapping.columns,
    unmatched: mapping.unmatched,
    missing: mapping.missing,
    samples: head
      .slice(mapping.dataStart)
      .filter((row) => row.some((cell) => displayText(cell) !== ''))
      .slice(0, SAMPLE_ROWS)
      .map((row) => Array.from({ length: width }, (_, i) => displayText(row[i]))),
  };
}

async function run(): Promise<void> {
  const source = openSource();
  // Enough rows to find the header and show a few data rows under it.
  const head: Cell[][] = [];
  while (head.length < HEADER_SCAN_ROWS + SAMPLE_ROWS) {
    const next = await source.rows.next();
    if (next.done) break;
    head.push(next.value);
  }
  const mapping = detectHeader(head, request.kind, request.overrides);
  const detection = describe(mapping, source.sheet, head);
  await post({ type: 'detected', detection });
  if (request.detectOnly) return;
  if (mapping.missing.length) {
    throw new ImportError(`缺少必需的列：${mapping.missing.map((m) => m.label).join('、')}`);
  }

  const width = detection.columns.length ? Math.max(...detection.columns.map((c) => c.index + 1)) : 0;
  const headerOf = (field: string, label: string) =>
    mapping.columns.find((c) => c.field === field)?.header ?? label;
  const validate = makeRowValidator(request.kind, mapping);
  const stage = stageRowBuilder(request.kind, request.context, headerOf);
  const items: { line: number; record: ItemRecord }[] = [];

  let text = '';
  let rows = 0;
  let processed = 0;
  let errors: RowIssue[] = [];
  let warnings: RowIssue[] = [];
  let rejected: RejectedRow[] = [];
  const totalData = source.totalRows === undefined ? undefined : source.totalRows - mapping.dataStart;

  const reject = (line: number, cells: readonly Cell[], issues: RowIssue[]) => {
    errors.push(...issues);
    rejected.push({
      line,
      cells: Array.from({ length: Math.max(width, cells.length) }, (_, i) => displayText(cells[i])),
      reasons: issues.map((i) => `${i.column}：${i.reason}`).join('；'),
    });
  };
  const cellsOf = new Map<number, readonly Cell[]>();
  const add = (record: RecordOf[typeof request.kind], line: number, cells: readonly Cell[]) => {
    const result = stage(record, line);
    warnings.push(...result.warnings);
    if ('row' in result) {
      text += encodeRow(result.row);
      rows++;
    } else reject(line, cells, [result.error]);
  };
  const flush = async (force: boolean) => {
    if (!force && rows < BATCH_ROWS && text.length < BATCH_CHARS) return;
    const fraction = source.fraction();
    const total = totalData ?? (fraction > 0 ? Math.round(processed / fraction) : undefined);
    const batch = { type: 'batch', text, rows, processed, total, errors, warnings, rejected } as const;
    text = '';
    rows = 0;
    errors = [];
    warnings = [];
    rejected = [];
    await post(batch);
  };

  let line = mapping.dataStart;
  const dataRows = async function* () {
    yield* head.slice(mapping.dataStart);
    for (;;) {
      const next = await source.rows.next();
      if (next.done) return;
      yield next.value;
    }
  };
  for await (const cells of dataRows()) {
    line++;
    const result = validate(cells, line);
    if (!result.record && !result.errors.length) continue;
    processed++;
    warnings.push(...result.warnings);
    if (!result.record) reject(line, cells, result.errors);
    else if (request.kind === 'items') {
      // Items continue over several rows: they are joined once the whole list is read.
      items.push({ line, record: result.record as ItemRecord });
      cellsOf.set(line, cells);
    } else add(result.record, line, cells);
    await flush(false);
  }
  for (const item of mergeItemRows(items as LineRecord<ItemRecord>[])) {
    add(item.record, item.line, cellsOf.get(item.line) ?? []);
  }
  await flush(true);
  await post({ type: 'end', processed });
}

run().catch((error: unknown) => {
  const userError = error instanceof ImportError;
  port.postMessage({
    type: 'failed',
    userError,
    message: userError ? (error as Error).message : String((error as Error)?.stack ?? error),
  } satisfies WorkerMessage);
});
