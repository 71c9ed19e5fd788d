// Shared pieces of the benchmarks: throwaway databases, timing, medians, a table and a JSON file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  database: Database;
  url?: string;
  dispose(): Promise<void>;
}

/** A fresh migrated database: on the PostgreSQL server, or PGlite in a temporary directory. */
export async function throwawayDatabase(
  backend: 'postgres' | 'pglite',
  dataDir?: string,
): Promise<ThrowawayDatabase> {
  if (backend === 'pglite') {
    const database = await connect({ dataDir });
    await migrate(database);
    return { database, dispose: () => database.close() };
  }
  const name = `tianping_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString() });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: SERVER_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);

export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Prints rows as an aligned table and writes them with the run's context to bench/results/NAME.json. */
export function report(
  name: string,
  rows: Record<string, string | number>[],
  context: Record<string, unknown> = {},
) {
  const columns = Object.keys(rows[0] ?? {});
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(width[i])).join('  ');
  console.log(`\n${name}`);
  console.log(line(columns));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ name, at, node: process.version, ...context, rows }, null, 2)}\n`,
  );
}
