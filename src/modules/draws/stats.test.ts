// Statistics of the module's draw path: a frame frozen from the database, sample sizes from the plan's
// ratios, objects drawn from 10,000 seeds. Every candidate of a stratum must be picked about as often
// as every other (sample/N), the counts must be exact every time, and nothing may be drawn twice.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { sha256Node } from '../../core/draw/hash-node.ts';
import { drawObjects, sampleSize } from '../../core/draw/index.ts';
import { freezeFrame, idsOf } from './frame.ts';
import { strataSpecs } from './service.ts';

const RUNS = 10_000;
const seedOf = (n: number) => new Uint8Array(createHash('sha256').update(`seed ${n}`).digest());

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
  const { id } = await database.db
    .insertInto('org')
    .values({
      code: 'X',
      name: '测试局',
      short_name: '测试局',
      level: 'district',
      kind: 'department',
      region_code: '440305',
      path: '/x/',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // 25 A, 12 B, 7 C, 3 D businesses in Nanshan, plus some that must stay out of the frame.
  const rows = (['A', 'B', 'C', 'D'] as const).flatMap((c, k) =>
    Array.from({ length: [25, 12, 7, 3][k] }, (_, i) => ({ c, i })),
  );
  const entity = (identifier: string, extra: object) => ({
    identifier,
    reg_no: identifier,
    name: identifier,
    kind: 'enterprise' as const,
    region_code: '440305001',
    org_id: id,
    ...extra,
  });
  await database.db
    .insertInto('entity')
    .values([
      ...rows.map(({ c, i }) =>
        entity(`4403050000${c.charCodeAt(0)}${String(i).padStart(3, '0')}`, { credit_class: c }),
      ),
      entity('440305999999001', { credit_class: 'B', status: 'deregistered' }),
      entity('440305999999002', { credit_class: 'C', in_directory: false }),
      entity('440304999999003', { credit_class: 'D', region_code: '440304001' }),
    ])
    .execute();
});
afterAll(() => database?.dispose());

describe('draws over the module path', () => {
  it(`give every candidate its sample/N chance over ${RUNS} seeds, with exact counts and no duplicates`, async () => {
    const { strata } = await freezeFrame(database.db, {
      regionPrefix: '440305',
      scope: {},
      itemIds: [],
      excludeRecentMonths: 0,
      at: new Date(),
      byDistrict: false,
    });
    expect(strata.map((s) => [s.label, s.size])).toEqual([
      ['A', 25],
      ['B', 12],
      ['C', 7],
      ['D', 3],
    ]);
    const specs = strataSpecs({ ratios: { A: 800, B: 2500, C: 3000, D: 6000 }, alternates_bp: 5000 }, strata);
    expect(specs.map((s) => [s.sample, s.alternates])).toEqual([
      [2, 1],
      [3, 2],
      [3, 2],
      [2, 1],
    ]);
    const frame = strata.map((s) => ({ label: s.label, ids: idsOf(s.text) }));
    const picked = frame.map(({ ids }) => new Map(ids.map((id) => [id, 0])));
    for (let n = 0; n < RUNS; n++) {
      const result = await drawObjects(sha256Node, seedOf(n), specs, frame);
      for (const [h, { picks, alternates }] of result.entries()) {
        const { size, sample } = specs[h];
        expect(picks.length).toBe(sample);
        expect(alternates.length).toBe(Math.min(specs[h].alternates, size - sample));
        expect(new Set([...picks, ...alternates]).size).toBe(picks.length + alternates.length);
        for (const id of picks) picked[h].set(id, picked[h].get(id)! + 1);
      }
    }
    for (const [h, counts] of picked.entries()) {
      const p = specs[h].sample / specs[h].size;
      const bound = 5 * Math.sqrt((p * (1 - p)) / RUNS); // P(any of 47 candidates outside) < 3e-5
      for (const [id, count] of counts)
        expect(Math.abs(count / RUNS - p), `${frame[h].label} ${id}`).toBeLessThan(bound);
      // Every draw's picks add up to the sample, so the frequencies sum to it exactly.
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(specs[h].sample * RUNS);
    }
  });

  it('computes each stratum’s sample as ceil(size × ratio), capped at size, and draws exactly that', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1000 }),
        async (sizes, bp, alternatesBp, s) => {
          const labels = ['A', 'B', 'C', 'D'];
          const strata = labels.map((label, h) => ({ label, stratum: label, size: sizes[h] }));
          const specs = strataSpecs(
            { ratios: { A: bp[0], B: bp[1], C: bp[2], D: bp[3] }, alternates_bp: alternatesBp },
            strata,
          );
          const frame = strata.map(({ label, size }) => ({
            label,
            ids: Array.from({ length: size }, (_, i) => `${label}${String(i).padStart(3, '0')}`),
          }));
          const result = await drawObjects(sha256Node, seedOf(s), specs, frame);
          for (const [h, spec] of specs.entries()) {
            expect(spec.sample).toBe(Math.min(sizes[h], Math.ceil((sizes[h] * bp[h]) / 10_000)));
            // Never below the ratio ("不低于 x%"), never above the stratum.
            expect(spec.sample * 10_000).toBeGreaterThanOrEqual(sizes[h] * bp[h]);
            expect(spec.sample).toBeLessThanOrEqual(sizes[h]);
            expect(spec.alternates).toBe(sampleSize(spec.sample, alternatesBp));
            expect(result[h].picks).toHaveLength(spec.sample);
            const all = [...result[h].picks, ...result[h].alternates];
            expect(new Set(all).size).toBe(all.length);
            expect(all.every((id) => frame[h].ids.includes(id))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
