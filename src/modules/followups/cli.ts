// `tianping followups daily [--today YYYY-MM-DD]`: the daily deadline job by hand (after an outage, or
// to see what a given day would raise).
import { parseArgs } from 'node:util';
import { type Command, withDatabase } from '../../cli/command.ts';
import { ConfigError } from '../../config.ts';
import { chinaDate } from '../../core/inspections/rules.ts';
import { deadlineSettings } from '../inspections/settings.ts';
import { runDaily } from './service.ts';

export const followUpCommands: Record<string, Command> = {
  followups: {
    usage: 'followups daily [--today YYYY-MM-DD]',
    summary: 'publication reminders, re-check tasks for expired orders, escalation of overdue follow-ups',
    async run(args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { today: { type: 'string' } },
      });
      if (positionals[0] !== 'daily')
        throw new ConfigError('usage: tianping followups daily [--today YYYY-MM-DD]');
      const today = values.today ?? chinaDate(new Date());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
        throw new ConfigError(`--today must be YYYY-MM-DD, got "${today}"`);
      return withDatabase(async (database) => {
        console.log(today, await runDaily(database, today, await deadlineSettings(database.db)));
        return 0;
      });
    },
  },
};
