// GB/T 4754-2017 国民经济行业分类: 门类 (A–T) → 大类 → 中类 → 小类, bundled as CSV.
import { readFileSync } from 'node:fs';

export interface Industry {
  code: string;
  level: 1 | 2 | 3 | 4;
  section: string;
  parent: string | null;
  name: string;
  description: string;
}

let byCode: Map<string, Industry> | undefined;

/** Minimal CSV reader for the bundled file: quoted fields may hold commas and doubled quotes. */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export function industries(): Map<string, Industry> {
  if (byCode) return byCode;
  const text = readFileSync(new URL('./data/gbt4754-2017.csv', import.meta.url), 'utf8');
  byCode = new Map();
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [code, level, section, parent, name, description] = parseCsvLine(line);
    byCode.set(code, {
      code,
      level: Number(level) as Industry['level'],
      section,
      parent: parent || null,
      name,
      description,
    });
  }
  return byCode;
}

export function industry(code: string): Industry | undefined {
  return industries().get(code.trim().toUpperCase());
}

export function isIndustryCode(code: string): boolean {
  return industry(code) !== undefined;
}

/** The 门类 letter of any industry code, or undefined for an unknown code. */
export function industrySection(code: string): string | undefined {
  return industry(code)?.section;
}
