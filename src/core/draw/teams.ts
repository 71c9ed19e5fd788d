import type { Sha256 } from './bytes.ts';
import { idProblems } from './frame.ts';
import { partialShuffle, type StratumResult } from './sample.ts';
import { openStream, type RandomStream } from './stream.ts';

/** One task's inspectors: `team` is lead (主检) first, or empty when fewer than team_size were eligible. */
export type TeamResult = { entity: string; eligible: string[]; team: string[] };

/** Canonical task order (§5): stratum by stratum, selected picks in pick order. */
export function taskOrder(strata: readonly StratumResult[]): string[] {
  return strata.flatMap((stratum) => stratum.picks);
}

/**
 * Draws teams task by task from the one `inspectors` stream of a draw (§5), so the server can apply
 * its rules and update loads between tasks. Calls must be awaited one after another.
 */
export class TeamDrawer {
  readonly #stream: RandomStream;

  private constructor(stream: RandomStream) {
    this.#stream = stream;
  }

  /**
   * The draw's `inspectors` stream (§5). Another purpose opens a stream of its own: Tianping draws a
   * replacement inspector or the team of an alternate with purpose `adjust:<n>` (the n-th adjustment of
   * the draw), so the teams of the kit are never redrawn.
   */
  static async open(sha256: Sha256, seed: Uint8Array, purpose = 'inspectors'): Promise<TeamDrawer> {
    return new TeamDrawer(await openStream(sha256, seed, purpose));
  }

  /**
   * The team for the next task, drawn from its eligible inspectors (ascending by id, unique), lead
   * first; null, consuming no randomness, when fewer than `teamSize` are eligible.
   */
  async next(eligible: readonly string[], teamSize: number): Promise<string[] | null> {
    for (const problem of idProblems(eligible))
      throw new Error(`eligible inspectors not canonical: ${problem}`);
    const positions = await this.positions(eligible.length, teamSize);
    return positions ? positions.map((position) => eligible[position]) : null;
  }

  /**
   * `next` for a caller that keeps the eligible list canonical itself (e.g. a subsequence of a roster
   * checked once): the team's positions in a list of `count` eligible inspectors, lead first, or null,
   * consuming no randomness, when count < teamSize. Draws the same words as `next`.
   */
  async positions(count: number, teamSize: number): Promise<number[] | null> {
    if (!Number.isSafeInteger(teamSize) || teamSize < 1)
      throw new RangeError(`team size must be ≥ 1: ${teamSize}`);
    if (count < teamSize) return null;
    return partialShuffle(this.#stream, count, teamSize);
  }
}

/** Recomputes the teams of recorded tasks in order, as a verifier does; unassigned tasks get `[]`. */
export async function drawTeams(
  sha256: Sha256,
  seed: Uint8Array,
  teamSize: number,
  tasks: readonly { entity: string; eligible: readonly string[] }[],
): Promise<TeamResult[]> {
  const drawer = await TeamDrawer.open(sha256, seed);
  const teams: TeamResult[] = [];
  for (const { entity, eligible } of tasks) {
    const team = await drawer.next(eligible, teamSize);
    teams.push({ entity, eligible: [...eligible], team: team ?? [] });
  }
  return teams;
}
