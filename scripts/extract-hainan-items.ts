// Extracts the items of the official Hainan 2020 list (test/fixtures) through the import core into
// src/seed/data/hainan-2020-items.json, from which the demo city derives its own 2026 list.
// Run: node scripts/extract-hainan-items.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { importRows, readWorkbook } from '../src/core/import/index.ts';

const root = new URL('..', import.meta.url);
const [sheet] = readWorkbook(
  readFileSync(new URL('test/fixtures/hainan-2020-random-inspection-items.xlsx', root)),
  'hainan-2020-random-inspection-items.xlsx',
);
const items = importRows('items', sheet.rows).records.map((r) => r.record);
writeFileSync(new URL('src/seed/data/hainan-2020-items.json', root), `${JSON.stringify(items, null, 1)}\n`);
console.log(`${items.length} items written`);
