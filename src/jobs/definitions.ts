// Every module's background jobs.
import { chinaDate } from '../core/inspections/rules.ts';
import { deleteExpiredSessions } from '../modules/auth/repo.ts';
import { creditJobs } from '../modules/credit/jobs.ts';
import { runDaily } from '../modules/followups/service.ts';
import { IMPORT_QUEUE, runImportJobAndTidy } from '../modules/imports/service.ts';
import { deadlineSettings } from '../modules/inspections/settings.ts';
import type { JobDefinition } from './boss.ts';

export const jobDefinitions: readonly JobDefinition[] = [
  {
    queue: 'sessions.cleanup',
    schedule: '17 3 * * *',
    run: async (_data, { database }) => deleteExpiredSessions(database.db),
  },
  {
    queue: IMPORT_QUEUE,
    // A city's register takes minutes; a retry would only repeat a failure the job already records.
    options: { expireInSeconds: 6 * 3600, retryLimit: 0 },
    run: (data, { database }) => runImportJobAndTidy(database, data as { jobId: string; dryRun: boolean }),
  },
  ...creditJobs,
  {
    // Publication reminders and overdue marks, re-check tasks for expired orders, escalations.
    queue: 'followups.daily',
    schedule: '20 1 * * *',
    run: async (_data, { database }) =>
      runDaily(database, chinaDate(new Date()), await deadlineSettings(database.db)),
  },
];
