// `npx tianping <command>`: serve, migrate, seed, audit verify, and the commands of the modules.
import { parseArgs } from 'node:util';
import { openDatabase, serve } from './app.ts';
import { type Command, countOption, withDatabase } from './cli/command.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { verifyChain } from './modules/audit/repo.ts';
import { creditCommands } from './modules/credit/cli.ts';
import { drawCommands } from './modules/draws/cli.ts';
import { followUpCommands } from './modules/followups/cli.ts';
import { importCommands } from './modules/imports/cli.ts';
import { loadDemoCity } from './seed/load.ts';

const commands: Record<string, Command> = {
  serve: {
    usage: 'serve',
    summary: 'migrate, load the demo city on first start, and serve the app and API',
    async run() {
      await serve(loadConfig());
      return 0;
    },
  },
  migrate: {
    usage: 'migrate',
    summary: 'apply pending database migrations',
    async run() {
      const database = await openDatabase(loadConfig());
      try {
        const applied = await migrate(database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
        return 0;
      } finally {
        await database.close();
      }
    },
  },
  seed: {
    usage: 'seed [--entities N] [--inspectors M] [--seed S]',
    summary: 'erase the database and load a demo city (deterministic for a given seed)',
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { entities: { type: 'string' }, inspectors: { type: 'string' }, seed: { type: 'string' } },
      });
      const config = loadConfig();
      const options = {
        entities: countOption(values.entities, 'entities', config.demo.entities),
        inspectors: countOption(values.inspectors, 'inspectors', config.demo.inspectors),
        seed: values.seed ?? config.demo.seed,
        dataDir: config.dataDir,
      };
      return withDatabase(async (database) => {
        const started = performance.now();
        const { counts } = await loadDemoCity(database, options, (step) => console.log(step));
        console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
        return 0;
      });
    },
  },
  audit: {
    usage: 'audit verify',
    summary: 'recompute the audit chain and report every edited, inserted or deleted event',
    async run(args) {
      if (args[0] !== 'verify') {
        console.error('usage: tianping audit verify');
        return 2;
      }
      return withDatabase(async (database) => {
        const report = await verifyChain(database.db);
        for (const p of report.problems) console.log(`event ${p.seq}: ${p.kind} — ${p.detail}`);
        console.log(
          report.problems.length
            ? `audit chain BROKEN: ${report.problems.length} problem(s) in ${report.events} events`
            : `audit chain intact: ${report.events} events`,
        );
        return report.problems.length ? 1 : 0;
      });
    },
  },
  ...importCommands,
  ...drawCommands,
  ...creditCommands,
  ...followUpCommands,
};

function help(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    'usage: tianping <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment: PORT, TIANPING_DATA_DIR, DATABASE_URL, LOG_LEVEL, … (see README).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; every other command ends here.
    if (process.argv[2] !== 'serve') process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`tianping: ${(error as Error).message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
