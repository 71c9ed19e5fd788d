// City-scale micro-benchmark of the draw core: 105,743 picks from 4 strata totalling 6.43 million ids,
// then teams for 105,743 tasks. Run: node bench/draw-core.ts
import { sha256Node } from '../src/core/draw/hash-node.ts';
import {
  drawObjects,
  type FrameStratum,
  frameDigest,
  type Sha256,
  type StratumSpec,
  sha256Web,
  TeamDrawer,
} from '../src/core/draw/index.ts';

const layout = [
  { label: 'A', size: 1_500_000, sample: 15_000 },
  { label: 'B', size: 3_800_000, sample: 57_000 },
  { label: 'C', size: 900_000, sample: 27_000 },
  { label: 'D', size: 230_000, sample: 6_743 },
];

// Synthetic ids, zero-padded so each stratum is already in canonical order. Not timed.
const frame: FrameStratum[] = layout.map(({ label, size }, h) => ({
  label,
  ids: Array.from({ length: size }, (_, i) => `91${h}${String(i).padStart(15, '0')}`),
}));
const strata: StratumSpec[] = layout.map(({ label, size, sample }) => ({
  label,
  size,
  sample,
  alternates: 0,
}));
const tasks = strata.reduce((sum, s) => sum + s.sample, 0);
const eligibleLists = Array.from({ length: 64 }, (_, t) =>
  Array.from({ length: 6 + (t % 15) }, (_, i) => `I${String(i * 7 + t).padStart(6, '0')}`),
);
const seed = new Uint8Array(32).fill(42);

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

async function drawAllTeams(sha256: Sha256): Promise<void> {
  const drawer = await TeamDrawer.open(sha256, seed);
  for (let t = 0; t < tasks; t++) await drawer.next(eligibleLists[t % eligibleLists.length], 2);
}

const total = frame.reduce((sum, s) => sum + s.ids.length, 0);
console.log(
  `frame: ${total.toLocaleString('en')} ids in ${frame.length} strata; ${tasks.toLocaleString('en')} picks`,
);
for (const [name, sha256, runs] of [
  ['node:crypto', sha256Node, 7],
  ['WebCrypto', sha256Web, 3],
] as const) {
  const objects = await median(runs, () => drawObjects(sha256, seed, strata, frame));
  const teams = await median(runs, () => drawAllTeams(sha256));
  const digest = await median(3, () => frameDigest(sha256, frame));
  console.log(
    `${name}: draw objects ${objects.toFixed(0)} ms, teams ${teams.toFixed(0)} ms, frame digest ${digest.toFixed(0)} ms (median)`,
  );
}
