// Every module's background jobs.
import { deleteExpiredSessions } from '../modules/auth/repo.ts';
import { creditJobs } from '../modules/credit/jobs.ts';
import type { JobDefinition } from './boss.ts';

export const jobDefinitions: readonly JobDefinition[] = [
  {
    queue: 'sessions.cleanup',
    schedule: '17 3 * * *',
    run: async (_data, { database }) => deleteExpiredSessions(database.db),
  },
  ...creditJobs,
];
