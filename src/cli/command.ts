// What a CLI command is, and the one way commands open the configured database.
import { openDatabase } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

export interface Command {
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Opens the database named by the environment, brings it up to date, runs `fn`, closes it. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** A whole-number option, with a usage error naming the option when it is not one. */
export function countOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}
