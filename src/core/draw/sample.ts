import type { Sha256 } from './bytes.ts';
import type { StratumSpec } from './commitment.ts';
import type { FrameStratum } from './frame.ts';
import { openStream, type RandomStream } from './stream.ts';

/** Drawn objects of one stratum: `picks` are selected, `alternates` replace ineligible ones, in order. */
export type StratumResult = { label: string; picks: string[]; alternates: string[] };

/**
 * The first k positions of a Fisher–Yates shuffle of [0, n) (§4): for i < k, j = i + uniform(n − i),
 * swap a[i] and a[j], take a[i]. The array is virtual: only displaced positions are stored, so the
 * cost is O(k) whatever n is.
 */
export async function partialShuffle(stream: RandomStream, n: number, k: number): Promise<number[]> {
  const displaced = new Map<number, number>();
  const positions: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + (await stream.uniform(n - i));
    const ai = displaced.get(i) ?? i;
    const aj = displaced.get(j) ?? j;
    displaced.set(i, aj);
    displaced.set(j, ai);
    positions.push(aj);
  }
  return positions;
}

/** Stratum h (0-based, declared order) draws min(sample + alternates, N) ids with purpose `stratum:<h>`. */
export async function drawStratum(
  sha256: Sha256,
  seed: Uint8Array,
  h: number,
  spec: StratumSpec,
  ids: readonly string[],
): Promise<StratumResult> {
  for (const count of [spec.sample, spec.alternates]) {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`stratum ${spec.label}: bad count ${count}`);
  }
  const k = Math.min(spec.sample + spec.alternates, ids.length);
  const stream = await openStream(sha256, seed, `stratum:${h}`);
  const drawn = (await partialShuffle(stream, ids.length, k)).map((position) => ids[position]);
  return { label: spec.label, picks: drawn.slice(0, spec.sample), alternates: drawn.slice(spec.sample) };
}

/** All strata of a committed frame, in declared order. */
export async function drawObjects(
  sha256: Sha256,
  seed: Uint8Array,
  strata: readonly StratumSpec[],
  frame: readonly FrameStratum[],
): Promise<StratumResult[]> {
  if (frame.length !== strata.length) {
    throw new Error(`frame has ${frame.length} strata, commitment ${strata.length}`);
  }
  const results: StratumResult[] = [];
  for (const [h, spec] of strata.entries()) {
    if (frame[h].label !== spec.label) {
      throw new Error(
        `stratum ${h + 1} is labelled "${frame[h].label}" in the frame, "${spec.label}" in the commitment`,
      );
    }
    results.push(await drawStratum(sha256, seed, h, spec, frame[h].ids));
  }
  return results;
}
