import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Node } from './hash-node.ts';
import { drawTeams, TeamDrawer, taskOrder } from './teams.ts';

const seed = new Uint8Array(32).fill(3);
const inspectors = (n: number) => Array.from({ length: n }, (_, i) => `I${String(i).padStart(5, '0')}`);

describe('TeamDrawer (§5)', () => {
  it('draws teamSize distinct eligible inspectors, lead first, deterministically', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 10,
        }),
        async (tasks) => {
          const run = async () => {
            const drawer = await TeamDrawer.open(sha256Node, seed);
            const teams: (string[] | null)[] = [];
            for (const [n, size] of tasks) teams.push(await drawer.next(inspectors(n), size));
            return teams;
          };
          const teams = await run();
          for (const [t, [n, size]] of tasks.entries()) {
            const team = teams[t];
            if (n < size) expect(team).toBeNull();
            else {
              expect(team).toHaveLength(size);
              expect(new Set(team).size).toBe(size);
              expect(team?.every((id) => inspectors(n).includes(id))).toBe(true);
            }
          }
          expect(await run()).toEqual(teams);
        },
      ),
    );
  });

  it('runs one stream across tasks, and an unassigned task consumes no randomness', async () => {
    const eligible = inspectors(6);
    const withGap = await TeamDrawer.open(sha256Node, seed);
    const withoutGap = await TeamDrawer.open(sha256Node, seed);
    const a1 = await withGap.next(eligible, 2);
    expect(await withGap.next(inspectors(1), 2)).toBeNull();
    const a2 = await withGap.next(eligible, 2);
    expect(await withoutGap.next(eligible, 2)).toEqual(a1);
    expect(await withoutGap.next(eligible, 2)).toEqual(a2);
    expect(a2).not.toEqual(a1);
  });

  it('gives the same teams as positions in a list the caller keeps canonical', async () => {
    const byIds = await TeamDrawer.open(sha256Node, seed);
    const byPositions = await TeamDrawer.open(sha256Node, seed);
    for (const n of [7, 1, 12, 3]) {
      const eligible = inspectors(n);
      const positions = await byPositions.positions(n, 3);
      expect(positions ? positions.map((p) => eligible[p]) : null).toEqual(await byIds.next(eligible, 3));
    }
  });

  it('opens a separate stream for another purpose (adjustments)', async () => {
    const eligible = inspectors(50);
    const main = await TeamDrawer.open(sha256Node, seed);
    const adjust = await TeamDrawer.open(sha256Node, seed, 'adjust:1');
    const again = await TeamDrawer.open(sha256Node, seed, 'adjust:1');
    const team = await adjust.next(eligible, 3);
    expect(await again.next(eligible, 3)).toEqual(team);
    expect(await main.next(eligible, 3)).not.toEqual(team);
  });

  it('refuses eligible lists that are not ascending and unique, and team sizes below 1', async () => {
    const drawer = await TeamDrawer.open(sha256Node, seed);
    await expect(drawer.next(['I2', 'I1'], 1)).rejects.toThrow(/sorts before/);
    await expect(drawer.next(['I1', 'I1'], 1)).rejects.toThrow(/duplicates/);
    await expect(drawer.next(['I1'], 0)).rejects.toThrow(RangeError);
  });

  it('chooses every eligible inspector as lead equally often', async () => {
    const drawer = await TeamDrawer.open(sha256Node, seed);
    const eligible = inspectors(4);
    const runs = 8000;
    const leads = new Map<string, number>();
    for (let t = 0; t < runs; t++) {
      const [lead] = (await drawer.next(eligible, 2)) ?? [];
      leads.set(lead, (leads.get(lead) ?? 0) + 1);
    }
    const p = 1 / 4;
    const sigma = Math.sqrt((p * (1 - p)) / runs);
    for (const id of eligible) expect(Math.abs((leads.get(id) ?? 0) / runs - p), id).toBeLessThan(5 * sigma);
  });

  it('drawTeams replays recorded tasks, giving [] to unassigned ones', async () => {
    const tasks = [
      { entity: 'E1', eligible: inspectors(3) },
      { entity: 'E2', eligible: inspectors(1) },
      { entity: 'E3', eligible: inspectors(5) },
    ];
    const drawer = await TeamDrawer.open(sha256Node, seed);
    const live = [];
    for (const task of tasks) live.push((await drawer.next(task.eligible, 2)) ?? []);
    const replayed = await drawTeams(sha256Node, seed, 2, tasks);
    expect(replayed.map((r) => r.team)).toEqual(live);
    expect(replayed[1]).toEqual({ entity: 'E2', eligible: inspectors(1), team: [] });
  });

  it('orders tasks stratum by stratum, selected picks only', () => {
    const strata = [
      { label: 'A', picks: ['a2', 'a1'], alternates: ['a3'] },
      { label: 'B', picks: ['b1'], alternates: [] },
    ];
    expect(taskOrder(strata)).toEqual(['a2', 'a1', 'b1']);
  });
});
