// `npm run bench -- <name> [options]` runs bench/<name>.ts with the options; without a name it lists
// the benchmarks with the first line of their description. Results land in bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
  .map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);

if (!name || !names.includes(name)) {
  if (name) console.error(`no benchmark "${name}"`);
  console.log('npm run bench -- <name> [options]\n');
  for (const n of names) {
    const first = readFileSync(join(dir, `${n}.ts`), 'utf8')
      .split('\n')[0]
      .replace(/^\/\/\s*/, '');
    console.log(`  ${n.padEnd(12)} ${first}`);
  }
  process.exit(name ? 2 : 0);
}
const run = spawnSync(process.execPath, [join(dir, `${name}.ts`), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
