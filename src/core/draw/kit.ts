import { type Sha256, toHex } from './bytes.ts';
import { type Commitment, commitmentDigest, SPEC } from './commitment.ts';
import { type FrameStratum, frameDigest, idProblems, lineProblem } from './frame.ts';
import { computeSeed, type Reveal, revealBytes, sourceMismatches, type VerifyDrand } from './reveal.ts';
import { drawObjects, type StratumResult } from './sample.ts';
import { drawTeams, type TeamResult, taskOrder } from './teams.ts';

/** The verification kit (§6): everything needed to recompute a draw. */
export type Kit = {
  spec: typeof SPEC;
  commitment: Commitment;
  frame: FrameStratum[];
  reveal: Reveal[];
  result: { strata: StratumResult[]; teams: TeamResult[] };
  seed_hex: string;
};

export type CheckId =
  | 'spec'
  | 'frame'
  | 'frame_digest'
  | 'sizes'
  | 'sources'
  | 'seed'
  | 'picks'
  | 'alternates'
  | 'teams';

export type Check = { id: CheckId; title: { zh: string; en: string }; ok: boolean; mismatches: string[] };
export type Verification = { ok: boolean; checks: Check[] };

const TITLES: Record<CheckId, { zh: string; en: string }> = {
  spec: { zh: '规范版本', en: 'Specification version' },
  frame: {
    zh: '对象名录规范（升序、无重复、数量与承诺一致）',
    en: 'Frame is canonical (ascending, unique, counts as committed)',
  },
  frame_digest: { zh: '对象名录摘要与承诺一致', en: 'Frame digest matches the commitment' },
  sizes: { zh: '抽取数量与名录规模一致', en: 'Sample and alternate sizes are consistent' },
  sources: { zh: '随机源与公开值一致', en: 'Sources match the reveal' },
  seed: { zh: '随机种子', en: 'Seed' },
  picks: { zh: '各层抽中对象', en: 'Selected objects per stratum' },
  alternates: { zh: '各层备选对象', en: 'Alternates per stratum' },
  teams: { zh: '检查组人员', en: 'Inspector teams' },
};

/** A hostile kit could hold millions of mismatches; list this many per check, then count the rest. */
const MAX_LISTED = 1000;

type Fail = (mismatch: string) => void;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one check; anything it throws (a malformed kit) becomes a mismatch of that check only. */
async function runCheck(id: CheckId, body: (fail: Fail) => void | Promise<void>): Promise<Check> {
  const mismatches: string[] = [];
  let unlisted = 0;
  const fail: Fail = (mismatch) => {
    if (mismatches.length < MAX_LISTED) mismatches.push(mismatch);
    else unlisted++;
  };
  try {
    await body(fail);
  } catch (error) {
    fail(`cannot check: ${errorText(error)}`);
  }
  if (unlisted > 0) mismatches.push(`… and ${unlisted} more`);
  return { id, title: TITLES[id], ok: mismatches.length === 0, mismatches };
}

function compareLists(what: string, recomputed: readonly string[], kit: readonly string[], fail: Fail): void {
  if (recomputed.length !== kit.length)
    fail(`${what}: ${kit.length} in the kit, ${recomputed.length} recomputed`);
  const shown = (id: string | undefined) => (id === undefined ? 'nothing' : `"${id}"`);
  for (let i = 0; i < Math.max(recomputed.length, kit.length); i++) {
    if (recomputed[i] !== kit[i])
      fail(`${what} #${i + 1}: kit has ${shown(kit[i])}, recomputed ${shown(recomputed[i])}`);
  }
}

async function seedOf(
  sha256: Sha256,
  commitment: Commitment,
  reveal: readonly Reveal[],
): Promise<Uint8Array> {
  return computeSeed(sha256, await commitmentDigest(sha256, commitment), reveal.map(revealBytes));
}

/**
 * Assembles the kit of a draw: computes the seed and the objects from the commitment, frame and
 * reveal; `teams` are those the server drew task by task with a TeamDrawer. Run verifyKit on the
 * result before publishing it.
 */
export async function buildKit(
  input: { commitment: Commitment; frame: FrameStratum[]; reveal: Reveal[]; teams?: TeamResult[] },
  { sha256 }: { sha256: Sha256 },
): Promise<Kit> {
  const { commitment, frame, reveal } = input;
  if (
    reveal.length !== commitment.sources.length ||
    reveal.some((r, i) => r.kind !== commitment.sources[i].kind)
  ) {
    throw new Error('the reveal must give one value per declared source, of the same kind, in order');
  }
  const seed = await seedOf(sha256, commitment, reveal);
  const strata = await drawObjects(sha256, seed, commitment.strata, frame);
  return {
    spec: SPEC,
    commitment,
    frame,
    reveal,
    result: { strata, teams: input.teams ?? [] },
    seed_hex: toHex(seed),
  };
}

export type Replay = { seed_hex: string; strata: StratumResult[]; teams: TeamResult[] };

/** Recomputes seed, objects and teams (over the kit's eligible lists) for display; throws on a malformed kit. */
export async function replayKit(kit: Kit, { sha256 }: { sha256: Sha256 }): Promise<Replay> {
  const seed = await seedOf(sha256, kit.commitment, kit.reveal);
  return {
    seed_hex: toHex(seed),
    strata: await drawObjects(sha256, seed, kit.commitment.strata, kit.frame),
    teams: await drawTeams(sha256, seed, kit.commitment.team_size, kit.result.teams),
  };
}

/** Recomputes every step of a kit and reports each mismatch, one check per step (§6). */
export async function verifyKit(
  kit: Kit,
  { sha256, verifyDrand }: { sha256: Sha256; verifyDrand?: VerifyDrand },
): Promise<Verification> {
  const { commitment, frame, reveal, result } = kit;
  const checks: Check[] = [];

  checks.push(
    await runCheck('spec', (fail) => {
      if (kit.spec !== SPEC) fail(`kit spec is "${kit.spec}", expected "${SPEC}"`);
      if (commitment.spec !== SPEC) fail(`commitment spec is "${commitment.spec}", expected "${SPEC}"`);
    }),
  );

  checks.push(
    await runCheck('frame', (fail) => {
      if (frame.length !== commitment.strata.length) {
        fail(`frame has ${frame.length} strata, commitment ${commitment.strata.length}`);
      }
      for (const [h, spec] of commitment.strata.entries()) {
        const stratum = frame[h];
        if (stratum === undefined) continue;
        const labelProblem = lineProblem(stratum.label);
        if (labelProblem !== null) fail(`stratum ${h + 1}: label ${labelProblem}`);
        if (stratum.label !== spec.label) {
          fail(
            `stratum ${h + 1}: labelled "${stratum.label}" in the frame, "${spec.label}" in the commitment`,
          );
        }
        if (stratum.ids.length !== spec.size) {
          fail(`stratum ${spec.label}: ${stratum.ids.length} ids, committed size ${spec.size}`);
        }
        for (const problem of idProblems(stratum.ids)) fail(`stratum ${spec.label}: id ${problem}`);
      }
    }),
  );

  checks.push(
    await runCheck('frame_digest', async (fail) => {
      const digest = await frameDigest(sha256, frame);
      if (digest !== commitment.frame_digest)
        fail(`frame digest is ${digest}, committed ${commitment.frame_digest}`);
    }),
  );

  checks.push(
    await runCheck('sizes', (fail) => {
      if (!Number.isSafeInteger(commitment.team_size) || commitment.team_size < 1) {
        fail(`team_size ${commitment.team_size} is not a positive integer`);
      }
      if (result.strata.length !== commitment.strata.length) {
        fail(`result has ${result.strata.length} strata, commitment ${commitment.strata.length}`);
      }
      for (const [h, { label, size, sample, alternates }] of commitment.strata.entries()) {
        if (![size, sample, alternates].every((n) => Number.isSafeInteger(n) && n >= 0)) {
          fail(
            `stratum ${label}: size ${size}, sample ${sample}, alternates ${alternates} must be non-negative integers`,
          );
          continue;
        }
        if (sample > size) fail(`stratum ${label}: sample ${sample} exceeds size ${size}`);
        const drawn = result.strata[h];
        if (drawn === undefined) continue;
        if (drawn.label !== label)
          fail(`result stratum ${h + 1} is labelled "${drawn.label}", committed "${label}"`);
        const picks = Math.min(sample, size);
        const extra = Math.min(sample + alternates, size) - picks;
        if (drawn.picks.length !== picks)
          fail(`stratum ${label}: ${drawn.picks.length} picks, expected ${picks}`);
        if (drawn.alternates.length !== extra) {
          fail(`stratum ${label}: ${drawn.alternates.length} alternates, expected ${extra}`);
        }
      }
    }),
  );

  checks.push(
    await runCheck('sources', async (fail) => {
      const { sources } = commitment;
      if (reveal.length !== sources.length)
        fail(`${sources.length} sources committed, ${reveal.length} revealed`);
      for (let i = 0; i < Math.min(sources.length, reveal.length); i++) {
        for (const problem of await sourceMismatches(sha256, sources[i], reveal[i], verifyDrand)) {
          fail(`source ${i + 1} (${sources[i].kind}): ${problem}`);
        }
      }
    }),
  );

  // Recomputed once; a check awaiting a stage that failed reports "cannot check" with the reason.
  const seed = seedOf(sha256, commitment, reveal);
  const drawn = seed.then((s) => drawObjects(sha256, s, commitment.strata, frame));
  drawn.catch(() => {}); // awaited below; this only avoids an early unhandled-rejection warning

  checks.push(
    await runCheck('seed', async (fail) => {
      const hex = toHex(await seed);
      if (hex !== kit.seed_hex) fail(`seed is ${hex}, kit says ${kit.seed_hex}`);
    }),
  );

  for (const id of ['picks', 'alternates'] as const) {
    checks.push(
      await runCheck(id, async (fail) => {
        for (const [h, recomputed] of (await drawn).entries()) {
          const listed = result.strata[h];
          if (listed === undefined) fail(`stratum ${recomputed.label}: missing from the result`);
          else compareLists(`stratum ${recomputed.label} ${id}`, recomputed[id], listed[id], fail);
        }
      }),
    );
  }

  checks.push(
    await runCheck('teams', async (fail) => {
      const order = new Map(taskOrder(result.strata).map((entity, i) => [entity, i]));
      let previous = -1;
      for (const [t, { entity, eligible }] of result.teams.entries()) {
        const task = `task ${t + 1} (${entity})`;
        for (const problem of idProblems(eligible)) fail(`${task}: eligible inspector ${problem}`);
        const position = order.get(entity);
        // A joint task has one entry per department, one after the other: equal positions only then.
        if (position === undefined) fail(`${task}: not a selected pick`);
        else if (position < previous || (position === previous && result.teams[t - 1]?.entity !== entity))
          fail(`${task}: out of canonical task order`);
        else previous = position;
      }
      const recomputed = await drawTeams(sha256, await seed, commitment.team_size, result.teams);
      for (const [t, { entity, team }] of recomputed.entries()) {
        compareLists(`task ${t + 1} (${entity}) team`, team, result.teams[t].team, fail);
      }
    }),
  );

  return { ok: checks.every((check) => check.ok), checks };
}
