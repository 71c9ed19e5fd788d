// Industry points of a prefix rule for every GB/T 4754-2017 code, so the scoring SQL finds a
// business's points by one lookup instead of matching prefixes row by row.
import { industries } from '../codes/index.ts';
import { matchPrefix, type ScoreRule } from './model.ts';

/** Every catalogue code (大类, 中类, 小类) whose points differ from the rule's `otherwise`. */
export function industryPoints(
  rule: Extract<ScoreRule, { kind: 'prefix' }>,
): { key: string; points: number }[] {
  const out: { key: string; points: number }[] = [];
  for (const industry of industries().values()) {
    if (industry.level === 1) continue;
    const hit = matchPrefix(rule.prefixes, industry.code, industry.section);
    if (hit && hit.points !== rule.otherwise) out.push({ key: industry.code, points: hit.points });
  }
  return out;
}
