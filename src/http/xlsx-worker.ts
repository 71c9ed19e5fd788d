// Builds one .xlsx workbook off the server's thread (see download.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type TableSheet, workbookBytes } from '../core/export/table.ts';

const bytes = workbookBytes(workerData as TableSheet[]);
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
