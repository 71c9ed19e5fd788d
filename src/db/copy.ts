// Bulk loading with COPY in its text format: streamed to a PostgreSQL server, or handed to PGlite
// as blobs of a few megabytes. Millions of rows in seconds instead of hours of INSERTs.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | bigint | boolean | Date | null | undefined | readonly string[];
export type CopyRows = Iterable<readonly CopyValue[]> | AsyncIterable<readonly CopyValue[]>;
/** Rows already encoded with `encodeRow` (in a worker thread, say), in chunks of whole rows. */
export interface EncodedRows {
  encoded: AsyncIterable<{ text: string; rows: number }>;
}
export type CopySource = CopyRows | EncodedRows;

const BATCH_BYTES = 8 * 1024 * 1024;
const IDENT = /^[a-z_][a-z0-9_]*$/;

const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => TEXT_ESCAPES[c]);
const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

function encodeValue(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  return String(v);
}

export function encodeRow(row: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + encodeValue(row[i]);
  return `${line}\n`;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns])
    if (!IDENT.test(name)) throw new Error(`bad identifier for COPY: ${name}`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
}

/** Yields COPY text in chunks of about `BATCH_BYTES`, counting rows on the way. */
async function* textBatches(rows: CopySource, counter: { rows: number }): AsyncGenerator<string> {
  if ('encoded' in rows) {
    for await (const batch of rows.encoded) {
      counter.rows += batch.rows;
      if (batch.text) yield batch.text;
    }
    return;
  }
  let chunk = '';
  for await (const row of rows) {
    chunk += encodeRow(row);
    counter.rows++;
    if (chunk.length >= BATCH_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** PGlite: each batch becomes a blob read by `COPY … FROM '/dev/blob'`. */
export async function copyViaBlob(
  run: (sqlText: string, blob: Blob) => Promise<void>,
  table: string,
  columns: readonly string[],
  rows: CopySource,
): Promise<number> {
  const statement = copyStatement(table, columns, `'/dev/blob'`);
  const counter = { rows: 0 };
  for await (const text of textBatches(rows, counter)) await run(statement, new Blob([text]));
  return counter.rows;
}

/** PostgreSQL: one `COPY … FROM STDIN` stream with back-pressure. */
export async function copyViaStream(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: CopySource,
): Promise<number> {
  const counter = { rows: 0 };
  const sink = client.query(copyFrom(copyStatement(table, columns, 'stdin')));
  await pipeline(Readable.from(textBatches(rows, counter)), sink);
  return counter.rows;
}
