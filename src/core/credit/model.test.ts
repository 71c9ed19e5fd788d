import { describe, expect, it } from 'vitest';
import {
  bandOf,
  classOf,
  contribution,
  DEFAULT_MODEL,
  type Indicator,
  type ModelDefinition,
  matchPrefix,
  modelProblems,
  pointsFor,
  totalWeight,
} from './index.ts';
import { industryPoints } from './industry.ts';

const clone = (m: ModelDefinition): ModelDefinition => structuredClone(m);
const indicator = (m: ModelDefinition, code: string) => m.indicators.find((i) => i.code === code)!;

describe('rule evaluation', () => {
  it('puts a value in the band whose lower edge it reaches, as width_bucket does', () => {
    expect(bandOf([1, 3, 5], 0.99)).toBe(0);
    expect(bandOf([1, 3, 5], 1)).toBe(1);
    expect(bandOf([1, 3, 5], 4.9)).toBe(2);
    expect(bandOf([1, 3, 5], 5)).toBe(3);
    expect(bandOf([1, 3, 5], 1e9)).toBe(3);
  });

  it('scores bands, a capped line, a table and industry prefixes', () => {
    expect(pointsFor({ kind: 'bands', edges: [1, 3, 5], points: [100, 60, 30, 0] }, 2)).toBe(60);
    expect(pointsFor({ kind: 'linear', per: 15, cap: 100 }, 3)).toBe(45);
    expect(pointsFor({ kind: 'linear', per: 15, cap: 100 }, 9)).toBe(100);
    // Half up, as floor(x + 0.5) in the SQL.
    expect(pointsFor({ kind: 'linear', per: 2.5, cap: 100 }, 1)).toBe(3);
    const kind = { kind: 'match' as const, points: { individual: 50 }, otherwise: 20 };
    expect(pointsFor(kind, 'individual')).toBe(50);
    expect(pointsFor(kind, 'enterprise')).toBe(20);
    const industry = {
      kind: 'prefix' as const,
      prefixes: [
        { prefix: '52', points: 30 },
        { prefix: '5251', points: 80 },
        { prefix: 'H', points: 40 },
      ],
      otherwise: 10,
    };
    expect(pointsFor(industry, '5251', 'F')).toBe(80);
    expect(pointsFor(industry, '5212', 'F')).toBe(30);
    expect(pointsFor(industry, '6210', 'H')).toBe(40);
    expect(pointsFor(industry, '1311', 'C')).toBe(10);
  });

  it('scores an unknown value 0, or the table default', () => {
    expect(pointsFor({ kind: 'bands', edges: [1], points: [100, 0] }, null)).toBe(0);
    expect(pointsFor({ kind: 'match', points: {}, otherwise: 60 }, null)).toBe(60);
  });

  it('prefers the longest prefix whatever the order', () => {
    const hit = matchPrefix(
      [
        { prefix: '5251', points: 1 },
        { prefix: '52', points: 2 },
      ],
      '5251',
      'F',
    );
    expect(hit?.points).toBe(1);
  });

  it('rounds a contribution half up from points × weight / 10', () => {
    expect(contribution(100, 25)).toBe(250);
    expect(contribution(15, 3)).toBe(5);
    expect(contribution(14, 3)).toBe(4);
    expect(contribution(0, 100)).toBe(0);
  });

  it('classifies by thresholds, the lower edge belonging to the riskier class', () => {
    const t = { B: 80, C: 180, D: 400 };
    expect([0, 79, 80, 179, 180, 399, 400, 1000].map((s) => classOf(s, t))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
    ]);
  });
});

describe('industry points for the SQL lookup', () => {
  it('covers every code under a prefix and leaves the rest to the default', () => {
    const rule = indicator(DEFAULT_MODEL, 'industry').rule.score;
    if (rule.kind !== 'prefix') throw new Error('industry is a prefix rule');
    const points = new Map(industryPoints(rule).map((p) => [p.key, p.points]));
    expect(points.get('2710')).toBe(100); // 化学药品原料药制造, under 27
    expect(points.get('5251')).toBe(80); // 西药零售
    expect(points.get('6210')).toBe(60); // 正餐服务, under 62
    expect(points.get('4710')).toBe(40); // 住宅房屋建筑, section E
    expect(points.has('6511')).toBe(false); // 基础软件开发: the default
  });
});

describe('model validation', () => {
  it('accepts the default model, whose weights add up to 100', () => {
    expect(modelProblems(DEFAULT_MODEL)).toEqual([]);
    expect(totalWeight(DEFAULT_MODEL)).toBe(100);
  });

  it('names the field of each problem', () => {
    const m = clone(DEFAULT_MODEL);
    indicator(m, 'penalties').weight = 101;
    m.thresholds.C = 50;
    const age = indicator(m, 'age');
    age.rule.score = { kind: 'bands', edges: [3, 1], points: [1, 2, 3] };
    const fields = modelProblems(m).map((p) => p.field);
    const i = m.indicators.indexOf(age);
    expect(fields).toContain(`indicators.${m.indicators.findIndex((x) => x.code === 'penalties')}.weight`);
    expect(fields).toContain('thresholds.C');
    expect(fields).toContain(`indicators.${i}.rule.score.edges`);
  });

  it('refuses points out of range, duplicate codes and parameters a metric does not take', () => {
    const m = clone(DEFAULT_MODEL);
    m.indicators.push({ ...(indicator(m, 'age') as Indicator) });
    const kind = indicator(m, 'kind');
    kind.rule.score = { kind: 'match', points: { enterprise: 120, alien: 1 }, otherwise: 0 };
    indicator(m, 'abnormal').rule.windowDays = 30;
    const problems = modelProblems(m).map((p) => `${p.field}: ${p.en}`);
    expect(problems.some((p) => p.includes('code') && p.includes('twice'))).toBe(true);
    expect(problems.some((p) => p.includes('points.enterprise'))).toBe(true);
    expect(problems.some((p) => p.includes('Unknown kind of business'))).toBe(true);
    expect(problems.some((p) => p.includes('windowDays') && p.includes('no such parameter'))).toBe(true);
  });

  it('needs a window on event metrics and a rule kind the metric can use', () => {
    const m = clone(DEFAULT_MODEL);
    delete indicator(m, 'complaints').rule.windowDays;
    indicator(m, 'industry').rule.score = { kind: 'linear', per: 1, cap: 10 };
    const fields = modelProblems(m).map((p) => p.field);
    const at = (code: string) => m.indicators.findIndex((x) => x.code === code);
    expect(fields).toContain(`indicators.${at('complaints')}.rule.windowDays`);
    expect(fields).toContain(`indicators.${at('industry')}.rule.score.kind`);
  });
});
