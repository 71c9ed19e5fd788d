// One database interface over the embedded PGlite (a data directory) or a PostgreSQL server.
// Services use `database.db` for single statements and `database.transaction` for anything that
// must succeed or fail as a whole; both hand out a Kysely instance and the same bulk `copyIn`.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CopyRows, copyViaBlob, copyViaStream } from './copy.ts';
import type { DB } from './schema.ts';

export type Backend = 'pglite' | 'postgres';

export interface Tx {
  db: Kysely<DB>;
  copyIn(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
}

export interface Database extends Tx {
  backend: Backend;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs raw SQL text that may hold several statements (pg-boss and maintenance need it). */
  execScript(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance in embedded mode (for dumps and tests); undefined on PostgreSQL. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

// Same JavaScript values on both backends: counts as numbers, exact decimals as strings,
// calendar dates as 'YYYY-MM-DD' strings (never shifted by a time zone).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parseInt8 = (v: string) => Number.parseInt(v, 10);
const keepText = (v: string) => v;

export interface ConnectOptions {
  databaseUrl?: string;
  /** PGlite data directory; omitted means an in-memory database (tests). */
  dataDir?: string;
  /** A PGlite data-directory dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function connect(options: ConnectOptions): Promise<Database> {
  return options.databaseUrl
    ? connectPostgres(options.databaseUrl, options.poolSize ?? 10)
    : connectPglite(options);
}

async function connectPglite(options: ConnectOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
    relaxedDurability: false,
    parsers: { [OID.int8]: parseInt8, [OID.numeric]: keepText, [OID.date]: keepText },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const copyIn: Tx['copyIn'] = (table, columns, rows) =>
    copyViaBlob(
      (sqlText, blob) => pglite.query(sqlText, [], { blob }).then(() => undefined),
      table,
      columns,
      rows,
    );
  return {
    backend: 'pglite',
    db,
    pglite,
    copyIn,
    async transaction(fn) {
      // PGlite serialises transactions and queries itself, so a transaction holds the whole
      // embedded database until it ends; Kysely runs over the transaction handle meanwhile.
      return pglite.transaction(async (t) => {
        const txDb = new Kysely<DB>({
          dialect: new PGliteDialect({
            pglite: {
              query: t.query,
              transaction: () => Promise.reject(new Error('nested transactions are not supported')),
              close: async () => {},
              closed: false,
              ready: true,
              waitReady: Promise.resolve(),
            },
          }),
        });
        return fn({
          db: txDb,
          copyIn: (table, columns, rows) =>
            copyViaBlob(
              (sqlText, blob) => t.query(sqlText, [], { blob }).then(() => undefined),
              table,
              columns,
              rows,
            ),
        });
      });
    },
    async execScript(sqlText) {
      await pglite.exec(sqlText);
    },
    async close() {
      await pglite.close();
    },
  };
}

function typesFor() {
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.numeric || oid === OID.date) return keepText;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  } as pg.CustomTypesConfig;
}

async function connectPostgres(databaseUrl: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types: typesFor() });
  // An idle connection dropped by the server (restart, failover) is replaced on next use; it must
  // not bring the process down as an unhandled 'error' event.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  // Fail at start with the server's own message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const copyOn =
    (client: pg.PoolClient): Tx['copyIn'] =>
    (table, columns, rows) =>
      copyViaStream(client, table, columns, rows);
  return {
    backend: 'postgres',
    db,
    pool,
    async copyIn(table, columns, rows) {
      const client = await pool.connect();
      try {
        return await copyOn(client)(table, columns, rows);
      } finally {
        client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      // Kysely over this one client: every statement of the transaction runs on it.
      const borrowed = { query: client.query.bind(client), release: () => {} };
      const single = { connect: async () => borrowed, end: async () => {} };
      const txDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool }) });
      try {
        await client.query('begin');
        const result = await fn({ db: txDb, copyIn: copyOn(client) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async execScript(sqlText) {
      await pool.query(sqlText);
    },
    async close() {
      await db.destroy();
    },
  };
}
