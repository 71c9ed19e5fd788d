// Replaying a draw's adjustments (a Tianping extension of DRAW-SPEC, documented in docs/draws.md):
// adjustment n draws from the seed's stream with purpose `adjust:<n>` — a replacement inspector
// (1 pick) or the teams of an alternate business (team_size picks per department, in order) — over
// the eligible lists it publishes. Browser-safe: the public verifier runs it too.
import { fromHex, type Sha256, TeamDrawer } from '../../core/draw/index.ts';

export type PublicAdjustment =
  | {
      seq: number;
      kind: 'replace_entity';
      purpose: string;
      detail: {
        stratum: string;
        replaced: string;
        alternate: string;
        teams: { department: string; eligible: string[]; team: string[] }[];
      };
    }
  | {
      seq: number;
      kind: 'replace_inspector';
      purpose: string;
      detail: { department: string; removed: string; eligible: string[]; added: string | null };
    };

/** The purpose string of the n-th adjustment of a draw. */
export const adjustmentPurpose = (seq: number) => `adjust:${seq}`;

/** Recomputes every adjustment's draw and lists each mismatch (empty when all hold). */
export async function replayAdjustments(
  sha256: Sha256,
  seedHex: string,
  teamSize: number,
  adjustments: readonly PublicAdjustment[],
): Promise<string[]> {
  const seed = fromHex(seedHex);
  const problems: string[] = [];
  for (const adjustment of adjustments) {
    const name = `adjustment ${adjustment.seq}`;
    if (adjustment.purpose !== adjustmentPurpose(adjustment.seq)) {
      problems.push(
        `${name}: purpose "${adjustment.purpose}", expected "${adjustmentPurpose(adjustment.seq)}"`,
      );
      continue;
    }
    try {
      const drawer = await TeamDrawer.open(sha256, seed, adjustment.purpose);
      if (adjustment.kind === 'replace_entity') {
        for (const { department, eligible, team } of adjustment.detail.teams) {
          const drawn = (await drawer.next(eligible, teamSize)) ?? [];
          if (drawn.join() !== team.join())
            problems.push(
              `${name} (${department}): team [${team.join(', ')}], recomputed [${drawn.join(', ')}]`,
            );
        }
      } else {
        const { department, eligible, added } = adjustment.detail;
        const drawn = (await drawer.next(eligible, 1))?.[0] ?? null;
        if (drawn !== added) problems.push(`${name} (${department}): added ${added}, recomputed ${drawn}`);
      }
    } catch (error) {
      problems.push(`${name}: cannot check: ${(error as Error).message}`);
    }
  }
  return problems;
}
