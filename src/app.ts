// Start-up and shutdown: open the database, migrate, load the demo city on first start, serve.
import { type Config, pgliteDir } from './config.ts';
import { connect, type Database } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import type { AppContext } from './http/context.ts';
import { startJobs } from './jobs/boss.ts';
import { jobDefinitions } from './jobs/definitions.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/accounts.ts';
import { isEmpty, loadDemoCity } from './seed/load.ts';
import { buildServer } from './server.ts';

export const openDatabase = (config: Config): Promise<Database> =>
  connect({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : pgliteDir(config) });

export async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config);
  const applied = await migrate(database);
  // Routes read ctx.jobs when they run, so the job system can start after the server is built.
  const ctx: AppContext = { config, database };
  const app = await buildServer(ctx);
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (config.demo.enabled && (await isEmpty(database))) {
    app.log.info(config.demo, 'empty database: loading the demo city (first start only)');
    const started = Date.now();
    const loaded = await loadDemoCity(database, { ...config.demo, dataDir: config.dataDir });
    app.log.info({ ...loaded.counts, seconds: (Date.now() - started) / 1000 }, 'demo city loaded');
  }
  ctx.jobs = await startJobs(ctx, jobDefinitions);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.jobs?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const accounts = await database.db
    .selectFrom('app_user')
    .select(['username', 'role', 'display_name'])
    .where(
      'username',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .orderBy('created_at')
    .execute();
  const lines = [
    '',
    `  天平 Tianping is running: ${url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${pgliteDir(config)}`}`,
    `  Public portal (no sign-in): ${url}/public/`,
    `  API documentation: ${url}/docs`,
    '',
    ...(accounts.length
      ? [
          `  Demo accounts (password ${DEMO_PASSWORD}):`,
          ...accounts.map((a) => `    ${a.role.padEnd(12)} ${a.username.padEnd(12)} ${a.display_name}`),
          '',
        ]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
