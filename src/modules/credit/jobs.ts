// Background work of credit classification: the monthly full run (and runs started from the UI),
// and re-scores of businesses after their events.
import type { JobDefinition } from '../../jobs/boss.ts';
import { createRun, executeRun, rescore } from './service.ts';

export const creditJobs: JobDefinition[] = [
  {
    queue: 'credit.classify',
    // 02:00 on the first of every month (Asia/Shanghai): the monthly snapshot.
    schedule: '0 2 1 * *',
    run: async (data: { runId?: string }, { database }) => {
      const runId = data.runId ?? (await createRun(database, null, { kind: 'full', trigger: 'schedule' })).id;
      return executeRun(database, runId);
    },
  } as JobDefinition,
  {
    queue: 'credit.rescore',
    run: async (data: { entityIds: string[] }, { database }) => rescore(database, data.entityIds),
  } as JobDefinition,
];
