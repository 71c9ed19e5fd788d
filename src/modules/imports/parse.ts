// The server's side of the parsing worker (worker.ts): start it on a file, read what it detected,
// and take the validated rows batch by batch. Taking a batch acknowledges it, which lets the worker
// read on; an abandoned parse is ended with stop().
import { Worker } from 'node:worker_threads';
import {
  type ColumnMapping,
  type HeaderMapping,
  type HeaderOverrides,
  ImportError,
  type ImportKind,
  type RowIssue,
} from '../../core/import/index.ts';
import type { StageContext } from './stage-rows.ts';

export interface ParseRequest {
  filePath: string;
  /** The name the user gave the file: its extension decides the reader. */
  fileName: string;
  kind: ImportKind;
  overrides: HeaderOverrides;
  context: StageContext;
  /** Stop after the header: for showing the detected mapping. */
  detectOnly?: boolean;
}

/** What the worker found at the top of the file. */
export interface Detection {
  sheet: string;
  headerLines: number[];
  dataStart: number;
  columns: ColumnMapping[];
  unmatched: string[];
  missing: HeaderMapping['missing'];
  /** The first data rows as displayed text, one string per column. */
  samples: string[][];
}

/** A rejected row as it reads in the file, with every reason. */
export interface RejectedRow {
  line: number;
  cells: string[];
  reasons: string;
}

export interface ParsedBatch {
  /** COPY text of the staging rows. */
  text: string;
  rows: number;
  /** Data rows read so far, accepted or rejected. */
  processed: number;
  /** Data rows in the file: exact for workbooks, estimated from the bytes read for CSV. */
  total?: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  rejected: RejectedRow[];
}

export type WorkerMessage =
  | { type: 'detected'; detection: Detection }
  | ({ type: 'batch' } & ParsedBatch)
  | { type: 'end'; processed: number }
  | { type: 'failed'; userError: boolean; message: string };

/** A worker may use this much heap; a file that needs more fails alone. */
const WORKER_HEAP_MB = 1536;

export interface FileParse {
  detected: Promise<Detection>;
  /** The validated rows; ends when the file does, throws what the worker failed with. */
  batches(): AsyncGenerator<ParsedBatch>;
  /** Data rows read, once batches() has ended. */
  processed(): number;
  stop(): Promise<void>;
}

export function parseFile(request: ParseRequest): FileParse {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const queue: WorkerMessage[] = [];
  let waiting: (() => void) | undefined;
  let failure: Error | undefined;
  let finished = false;
  let processed = 0;
  let resolveDetected!: (d: Detection) => void;
  let rejectDetected!: (e: Error) => void;
  const detected = new Promise<Detection>((resolve, reject) => {
    resolveDetected = resolve;
    rejectDetected = reject;
  });
  // The caller may never await `detected` when a later step fails first.
  detected.catch(() => {});

  const fail = (error: Error) => {
    failure ??= error;
    rejectDetected(failure);
    waiting?.();
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'detected') resolveDetected(message.detection);
    else if (message.type === 'failed') {
      fail(
        message.userError ? new ImportError(message.message) : new Error(`import worker: ${message.message}`),
      );
    } else queue.push(message);
    waiting?.();
  });
  worker.on('error', (error) => {
    const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    fail(outOfMemory ? new ImportError('文件过大或过于复杂，解析时超出内存上限，请拆分后再导入') : error);
  });
  worker.on('exit', () => {
    if (!finished) fail(new Error('import worker stopped before the end of the file'));
  });

  const next = async (): Promise<WorkerMessage> => {
    while (!queue.length) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        waiting = resolve;
      });
      waiting = undefined;
    }
    return queue.shift()!;
  };

  return {
    detected,
    async *batches() {
      await detected;
      for (;;) {
        const message = await next();
        if (message.type === 'end') {
          finished = true;
          processed = message.processed;
          return;
        }
        if (message.type !== 'batch') continue;
        processed = message.processed;
        worker.postMessage({ type: 'ack' });
        yield message;
      }
    },
    processed: () => processed,
    async stop() {
      finished = true;
      await worker.terminate();
    },
  };
}

/** Only the header and a few rows: what the mapping screen shows. */
export async function detectFile(request: Omit<ParseRequest, 'detectOnly'>): Promise<Detection> {
  const parse = parseFile({ ...request, detectOnly: true });
  try {
    return await parse.detected;
  } finally {
    await parse.stop();
  }
}
