// Downloads of tables: CSV streamed page by page, .xlsx built in a worker thread so that a large
// workbook never stalls the server. Exports stop at EXPORT_ROW_CAP rows and say so in a header.
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FastifyReply } from 'fastify';
import { CSV_BOM, csvLine, type TableSheet, type TableValue } from '../core/export/table.ts';

export type TableFormat = 'csv' | 'xlsx';

/** The most rows one export holds; the UI says so next to the export button. */
export const EXPORT_ROW_CAP = 100_000;
export const EXPORT_TRUNCATED_HEADER = 'x-export-truncated';

export interface TableColumn<R> {
  header: string;
  value: (row: R) => TableValue;
  width?: number;
}

export interface TableExport<R> {
  /** Without extension; may be Chinese. */
  fileName: string;
  sheet: string;
  columns: readonly TableColumn<R>[];
  /** The rows in pages, at most EXPORT_ROW_CAP in all. */
  pages: AsyncIterable<readonly R[]>;
  /** More rows matched than the export holds. */
  truncated: boolean;
}

/** Content-Disposition for a download whose name may be Chinese. */
export function attachment(fileName: string): string {
  // RFC 6266/5987: an ASCII fallback and the UTF-8 name.
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Builds .xlsx bytes in a worker thread. */
export function workbookInWorker(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.ts', import.meta.url), {
      workerData: sheets,
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    worker.once('message', (bytes: Uint8Array) => {
      resolve(bytes);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`xlsx worker exited with ${code}`));
    });
  });
}

export async function sendTable<R>(reply: FastifyReply, format: TableFormat, table: TableExport<R>) {
  reply.header(EXPORT_TRUNCATED_HEADER, String(table.truncated));
  reply.header('access-control-expose-headers', EXPORT_TRUNCATED_HEADER);
  reply.header('cache-control', 'no-store');
  const header = table.columns.map((c) => c.header);
  if (format === 'csv') {
    const lines = async function* () {
      yield CSV_BOM + csvLine(header);
      for await (const page of table.pages) {
        let chunk = '';
        for (const row of page) chunk += csvLine(table.columns.map((c) => c.value(row)));
        yield chunk;
      }
    };
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', attachment(`${table.fileName}.csv`));
    return reply.send(Readable.from(lines()));
  }
  const rows: TableValue[][] = [];
  for await (const page of table.pages)
    for (const row of page) rows.push(table.columns.map((c) => c.value(row)));
  const bytes = await workbookInWorker([
    {
      name: table.sheet,
      header,
      rows,
      widths: table.columns.map((c) => c.width ?? Math.max(8, c.header.length * 2 + 2)),
    },
  ]);
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', attachment(`${table.fileName}.xlsx`));
  return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
