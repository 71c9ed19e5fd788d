// The model a new installation starts with: what the platform knows about a business, weighted so
// that the weights add up to 100 and the score runs from 0 to 1,000. Thresholds are calibrated on
// the demo city to the published class mix (A 65–73 %, B 19–25 %, C 5–8 %, D 1.5–3 %, DOMAIN.md §4),
// with D reached by real signals — the serious-violation list, heavy or repeated penalties, the
// abnormal list together with complaints — never by attributes alone.
import type { ModelDefinition } from './model.ts';

export const DEFAULT_MODEL: ModelDefinition = {
  thresholds: { B: 80, C: 180, D: 400 },
  direct: [
    { when: 'serious_listed', class: 'D', enabled: true },
    { when: 'no_data', class: 'B', enabled: true },
  ],
  indicators: [
    {
      code: 'age',
      group: 'basic',
      name: '成立年限',
      metric: 'age_years',
      weight: 4,
      // Young businesses fail more often; after five years age says little.
      rule: { score: { kind: 'bands', edges: [1, 3, 5], points: [100, 60, 30, 0] } },
    },
    {
      code: 'kind',
      group: 'basic',
      name: '主体类型',
      metric: 'kind',
      weight: 2,
      rule: {
        score: {
          kind: 'match',
          points: { enterprise: 30, individual: 50, cooperative: 50, other: 60 },
          otherwise: 60,
        },
      },
    },
    {
      code: 'industry',
      group: 'basic',
      name: '行业风险',
      metric: 'industry',
      weight: 6,
      // Trades whose failures harm health or safety: medicines, food, medical devices, chemicals,
      // catering, venues; GB/T 4754-2017 codes, the most specific one wins.
      rule: {
        score: {
          kind: 'prefix',
          prefixes: [
            { prefix: '27', points: 100 },
            { prefix: '515', points: 80 },
            { prefix: '5251', points: 80 },
            { prefix: '5252', points: 70 },
            { prefix: '358', points: 80 },
            { prefix: '5154', points: 70 },
            { prefix: '13', points: 60 },
            { prefix: '14', points: 70 },
            { prefix: '15', points: 60 },
            { prefix: '512', points: 50 },
            { prefix: '522', points: 50 },
            { prefix: '26', points: 70 },
            { prefix: '5162', points: 60 },
            { prefix: '62', points: 60 },
            { prefix: '61', points: 40 },
            { prefix: '901', points: 50 },
            { prefix: '9013', points: 60 },
            { prefix: '84', points: 50 },
            { prefix: '83', points: 40 },
            { prefix: 'E', points: 40 },
          ],
          otherwise: 10,
        },
      },
    },
    {
      code: 'address_changes',
      group: 'dynamic',
      name: '住所频繁变更',
      metric: 'address_changes',
      weight: 6,
      rule: { score: { kind: 'bands', edges: [1, 2, 3], points: [0, 40, 70, 100] }, windowDays: 730 },
    },
    {
      code: 'rep_changes',
      group: 'dynamic',
      name: '法定代表人频繁变更',
      metric: 'rep_changes',
      weight: 5,
      rule: { score: { kind: 'bands', edges: [1, 2], points: [0, 60, 100] }, windowDays: 730 },
    },
    {
      code: 'penalties',
      group: 'supervision',
      name: '行政处罚',
      metric: 'penalties',
      weight: 25,
      // One recent ordinary penalty ≈ 1, a serious one 6; each halves after a year.
      rule: {
        score: { kind: 'bands', edges: [0.25, 1.5, 3, 6], points: [0, 40, 70, 90, 100] },
        windowDays: 1095,
        halfLifeDays: 365,
        severityWeights: [1, 3, 6],
      },
    },
    {
      code: 'abnormal',
      group: 'supervision',
      name: '经营异常名录',
      metric: 'abnormal_listed',
      weight: 18,
      rule: { score: { kind: 'bands', edges: [1], points: [0, 100] } },
    },
    {
      code: 'inspections',
      group: 'supervision',
      name: '检查发现问题',
      metric: 'inspection_problems',
      weight: 13,
      rule: {
        score: { kind: 'bands', edges: [0.25, 1, 2.5], points: [0, 50, 80, 100] },
        windowDays: 730,
        halfLifeDays: 365,
        severityWeights: [1, 2, 4],
      },
    },
    {
      code: 'complaints',
      group: 'supervision',
      name: '投诉举报',
      metric: 'complaints',
      weight: 10,
      rule: { score: { kind: 'linear', per: 15, cap: 100 }, windowDays: 365 },
    },
    {
      code: 'related_d',
      group: 'relations',
      name: '关联主体为D类',
      metric: 'related_d',
      // Matched by the representative's name within a district: names are not identities, so the
      // weight stays low until the registers carry a person identifier (see docs/credit.md).
      weight: 3,
      rule: { score: { kind: 'bands', edges: [1, 2], points: [0, 60, 100] } },
    },
    {
      code: 'complaint_growth',
      group: 'social',
      name: '投诉快速增长',
      metric: 'complaint_growth',
      weight: 8,
      rule: { score: { kind: 'bands', edges: [1, 3, 6], points: [0, 30, 60, 100] }, recentDays: 180 },
    },
  ],
};
