import { type Sha256, toHex, utf8 } from './bytes.ts';

/** One stratum of the frozen frame: candidate ids in canonical order. */
export type FrameStratum = { label: string; ids: string[] };

/** Rank of a UTF-16 code unit such that code-unit order becomes code-point (= UTF-8 byte) order. */
function unitRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800; // U+E000..U+FFFF sort below supplementary characters
  if (unit >= 0xd800) return unit + 0x2000; // surrogates encode U+10000 and above
  return unit;
}

/** Compares two strings by their UTF-8 bytes without encoding them. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length) return -1;
  if (i === b.length) return 1;
  return unitRank(a.charCodeAt(i)) - unitRank(b.charCodeAt(i));
}

/** Why an id or label cannot appear on a line of the frame text, or null if it can. */
export function lineProblem(text: string): string | null {
  if (typeof text !== 'string' || text === '') return 'is empty or not a string';
  if (text.includes('\n')) return 'contains a line break';
  if (!text.isWellFormed()) return 'contains a lone surrogate';
  return null;
}

/**
 * Every way `ids` fails to be canonical (ascending by UTF-8 bytes, no duplicates, one line each),
 * lazily, so a verifier can count problems in a huge frame without storing them all.
 */
export function* idProblems(ids: readonly string[]): Generator<string> {
  let previousIsLine = false;
  for (let i = 0; i < ids.length; i++) {
    const problem = lineProblem(ids[i]);
    if (problem !== null) yield `#${i + 1} ${JSON.stringify(ids[i])} ${problem}`;
    else if (previousIsLine) {
      const order = compareUtf8(ids[i - 1], ids[i]);
      if (order === 0) yield `#${i + 1} "${ids[i]}" duplicates #${i}`;
      else if (order > 0) yield `#${i + 1} "${ids[i]}" sorts before #${i} "${ids[i - 1]}"`;
    }
    previousIsLine = problem === null;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Sorts ids into canonical order; throws on duplicates or ids that cannot be a frame line. */
export function canonicalIds(ids: Iterable<string>): string[] {
  const list = Array.from(ids);
  // Without surrogates the engine's own string order (UTF-16 code units) is UTF-8 byte order, and it
  // sorts a 6.4 million frame about 3× faster than a JS comparator.
  const sorted = list.some((id) => SURROGATE.test(id)) ? list.sort(compareUtf8) : list.sort();
  for (const problem of idProblems(sorted)) throw new Error(`not a valid id list: ${problem}`);
  return sorted;
}

/** Canonical frame text (§1.1): per stratum `#stratum <label> <count>\n`, then one `<id>\n` each. */
export function frameText(frame: readonly FrameStratum[]): string {
  let text = '';
  for (const { label, ids } of frame) {
    text += `#stratum ${label} ${ids.length}\n`;
    if (ids.length > 0) text += `${ids.join('\n')}\n`;
  }
  return text;
}

export async function frameDigest(sha256: Sha256, frame: readonly FrameStratum[]): Promise<string> {
  return toHex(await sha256(utf8(frameText(frame))));
}
