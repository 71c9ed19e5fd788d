// Background work on pg-boss, in the same database: queues with retries, and cron schedules.
// Each module contributes job definitions (definitions.ts); the server starts them all.
import { fromPglite, PgBoss } from 'pg-boss';
import type { AppContext } from '../http/context.ts';

export interface JobDefinition<T extends object = object> {
  queue: string;
  /** Cron expression (server time zone Asia/Shanghai) for recurring work. */
  schedule?: string;
  /** pg-boss queue options: retries, how long a job may run (default 15 minutes), … */
  options?: Parameters<PgBoss['createQueue']>[1];
  run(data: T, ctx: AppContext & { jobs: Jobs }): Promise<unknown>;
}

export interface Jobs {
  send<T extends object>(queue: string, data: T): Promise<string>;
  stop(): Promise<void>;
}

export async function startJobs(ctx: AppContext, definitions: readonly JobDefinition[]): Promise<Jobs> {
  const { database } = ctx;
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: 'pgboss' })
    : new PgBoss({ connectionString: ctx.config.databaseUrl!, max: 4, schema: 'pgboss' });
  boss.on('error', (error: Error) => console.error(`job system: ${error.message}`));
  await boss.start();
  const jobs: Jobs = {
    async send(queue, data) {
      const id = await boss.send(queue, data);
      if (!id) throw new Error(`job not queued on ${queue}`);
      return id;
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
  for (const definition of definitions) {
    await boss.createQueue(definition.queue, definition.options);
    await boss.work(definition.queue, async (batch) => {
      for (const job of batch) await definition.run(job.data as object, { ...ctx, jobs });
    });
    if (definition.schedule)
      await boss.schedule(definition.queue, definition.schedule, {}, { tz: 'Asia/Shanghai' });
  }
  return jobs;
}
