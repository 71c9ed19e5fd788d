// `tianping credit classify [--json]`: a full classification now, then the count per class.
import { parseArgs } from 'node:util';
import { type Command, withDatabase } from '../../cli/command.ts';
import { CREDIT_CLASSES } from '../../core/credit/index.ts';
import { runNow } from './service.ts';

export const creditCommands: Record<string, Command> = {
  credit: {
    usage: 'credit classify [--json]',
    summary: 'classify every business now (credit-risk classes A–D) and print the count per class',
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false } },
      });
      if (positionals[0] !== 'classify' || positionals.length > 1) {
        console.error('usage: tianping credit classify [--json]');
        return 2;
      }
      return withDatabase(async (database) => {
        const started = performance.now();
        const run = await runNow(database, null, { kind: 'full', trigger: 'cli' });
        const seconds = Math.round((performance.now() - started) / 100) / 10;
        const counts = (run.counts ?? {}) as Record<string, number>;
        const total = run.total ?? 0;
        if (values.json) {
          console.log(
            JSON.stringify({
              snapshot: run.id,
              modelVersion: run.model_version,
              asOf: run.as_of,
              total,
              counts: Object.fromEntries(CREDIT_CLASSES.map((c) => [c, counts[c] ?? 0])),
              changed: run.changed ?? 0,
              seconds,
            }),
          );
          return 0;
        }
        console.log(
          `classified ${total.toLocaleString('en-US')} businesses in ${seconds} s (model v${run.model_version}, snapshot ${run.id})`,
        );
        for (const c of CREDIT_CLASSES) {
          const n = counts[c] ?? 0;
          const share = total ? ((100 * n) / total).toFixed(2) : '0.00';
          console.log(`  ${c}  ${n.toLocaleString('en-US').padStart(11)}  ${share.padStart(6)} %`);
        }
        console.log(`class changed: ${(run.changed ?? 0).toLocaleString('en-US')}`);
        return 0;
      });
    },
  },
};
