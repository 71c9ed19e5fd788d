// Measures entity generation speed on one core: `node src/seed/bench.ts [rows]` (default one million).
// Each row is also joined into a tab-separated line, as a COPY loader would, so that the lazily built
// strings are really materialised.
import { buildCity, generateEntities } from './index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const city = buildCity('bench');
const started = performance.now();
let bytes = 0;
for (const r of generateEntities('bench', rows, city)) {
  const line = [r.id, r.identifier, r.name, r.legal_rep, r.reg_address, r.biz_address, r.tags.join(',')].join(
    '\t',
  );
  bytes += line.length;
}
const seconds = (performance.now() - started) / 1000;
console.log(`${rows} rows in ${seconds.toFixed(2)} s: ${Math.round(rows / seconds)} rows/s (${bytes} chars)`);
