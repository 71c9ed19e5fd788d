// The parameters of one indicator's rule: its bands (or line, table, industry codes) and the
// windows and decay of event metrics. Controlled: every change hands a whole new rule up.
import { Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import {
  ENTITY_KINDS,
  METRIC_SPECS,
  type Metric,
  type ScoreRule,
} from '../../../../src/core/credit/model.ts';
import type { IndicatorRule } from '../../api/credit.ts';
import { useLocale } from '../../i18n/index.tsx';

/** Numbers typed as "1, 3, 5"; anything unreadable becomes NaN for the validation to name. */
const parseList = (text: string) =>
  text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((x) => (/^\d+(\.\d+)?$/.test(x) ? Number(x) : Number.NaN));

/** A list of numbers edited as text, kept as typed until it parses differently. */
function NumberList({
  value,
  onChange,
  status,
  testId,
}: {
  value: number[];
  onChange: (v: number[]) => void;
  status?: 'error';
  testId: string;
}) {
  const [text, setText] = useState(value.join(', '));
  const shown = parseList(text).join() === value.join() ? text : value.join(', ');
  return (
    <Input
      value={shown}
      status={status}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseList(e.target.value));
      }}
      style={{ width: 220 }}
    />
  );
}

/** Industry codes with points, one "code points" pair a line. */
function PrefixList({
  value,
  onChange,
  status,
}: {
  value: { prefix: string; points: number }[];
  onChange: (v: { prefix: string; points: number }[]) => void;
  status?: 'error';
}) {
  const render = (v: typeof value) => v.map((p) => `${p.prefix} ${p.points}`).join('\n');
  const [text, setText] = useState(render(value));
  const parse = (t: string) =>
    t
      .split('\n')
      .map((line) => line.trim().split(/[\s:：,，]+/))
      .filter((parts) => parts[0])
      .map(([prefix, points]) => ({ prefix: prefix.toUpperCase(), points: Number(points ?? Number.NaN) }));
  return (
    <Input.TextArea
      value={render(parse(text)) === render(value) ? text : render(value)}
      status={status}
      autoSize={{ minRows: 3, maxRows: 10 }}
      style={{ width: 220, fontFamily: 'monospace' }}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

export function RuleEditor({
  code,
  metric,
  rule,
  onChange,
  errorAt,
}: {
  code: string;
  metric: Metric;
  rule: IndicatorRule;
  onChange: (rule: IndicatorRule) => void;
  /** Whether the validation found a problem at this path below the indicator ('rule.score.edges'). */
  errorAt: (path: string) => boolean;
}) {
  const { locale, t } = useLocale();
  const spec = METRIC_SPECS[metric];
  const unit = locale === 'en' ? spec.unitEn : spec.unitZh;
  const s = rule.score;
  const setScore = (score: ScoreRule) => onChange({ ...rule, score });
  const status = (path: string) => (errorAt(path) ? ('error' as const) : undefined);
  const num = (value: number | undefined, set: (v: number) => void, path: string, testId?: string) => (
    <InputNumber
      value={value}
      status={status(path)}
      onChange={(v) => set(v ?? Number.NaN)}
      min={0}
      data-testid={testId}
      style={{ width: 110 }}
    />
  );

  return (
    <Form layout="vertical" component="div" className="tp-rule-editor">
      <Space wrap size={[24, 0]} align="start">
        {s.kind === 'bands' && (
          <>
            <Form.Item
              label={t('credit.rule.edges', { unit: unit ? `（${unit}）` : '' })}
              help={t('credit.rule.edgesHelp')}
            >
              <NumberList
                value={s.edges}
                onChange={(edges) => setScore({ ...s, edges })}
                status={status('rule.score.edges')}
                testId={`edges-${code}`}
              />
            </Form.Item>
            <Form.Item label={t('credit.rule.points')} help={t('credit.rule.pointsHelp')}>
              <NumberList
                value={s.points}
                onChange={(points) => setScore({ ...s, points })}
                status={errorAt('rule.score.points') ? 'error' : undefined}
                testId={`points-${code}`}
              />
            </Form.Item>
          </>
        )}
        {s.kind === 'linear' && (
          <>
            <Form.Item label={t('credit.rule.per')}>
              {num(s.per, (per) => setScore({ ...s, per }), 'rule.score.per')}
            </Form.Item>
            <Form.Item label={t('credit.rule.cap')}>
              {num(s.cap, (cap) => setScore({ ...s, cap }), 'rule.score.cap')}
            </Form.Item>
          </>
        )}
        {s.kind === 'match' &&
          ENTITY_KINDS.map((kind) => (
            <Form.Item key={kind} label={t(`entity.kind.${kind}`)}>
              {num(
                s.points[kind] ?? s.otherwise,
                (p) => setScore({ ...s, points: { ...s.points, [kind]: p } }),
                `rule.score.points.${kind}`,
              )}
            </Form.Item>
          ))}
        {s.kind === 'prefix' && (
          <Form.Item label={t('credit.rule.prefixes')} help={t('credit.rule.prefixesHelp')}>
            <PrefixList
              value={s.prefixes}
              onChange={(prefixes) => setScore({ ...s, prefixes })}
              status={errorAt('rule.score.prefixes') ? 'error' : undefined}
            />
          </Form.Item>
        )}
        {(s.kind === 'match' || s.kind === 'prefix') && (
          <Form.Item label={t('credit.rule.otherwise')}>
            {num(s.otherwise, (otherwise) => setScore({ ...s, otherwise }), 'rule.score.otherwise')}
          </Form.Item>
        )}
        {spec.params.includes('windowDays') && (
          <Form.Item label={t('credit.rule.windowDays')}>
            {num(rule.windowDays, (windowDays) => onChange({ ...rule, windowDays }), 'rule.windowDays')}
          </Form.Item>
        )}
        {spec.params.includes('halfLifeDays') && (
          <Form.Item label={t('credit.rule.halfLifeDays')}>
            {num(
              rule.halfLifeDays,
              (halfLifeDays) => onChange({ ...rule, halfLifeDays }),
              'rule.halfLifeDays',
            )}
          </Form.Item>
        )}
        {spec.params.includes('severityWeights') && (
          <Form.Item label={t('credit.rule.severityWeights')}>
            <Space.Compact>
              {[0, 1, 2].map((i) => (
                <InputNumber
                  key={i}
                  value={rule.severityWeights?.[i]}
                  status={status('rule.severityWeights')}
                  min={0}
                  style={{ width: 70 }}
                  onChange={(v) => {
                    const weights = [...(rule.severityWeights ?? [1, 1, 1])];
                    weights[i] = v ?? Number.NaN;
                    onChange({ ...rule, severityWeights: weights });
                  }}
                />
              ))}
            </Space.Compact>
          </Form.Item>
        )}
        {spec.params.includes('recentDays') && (
          <Form.Item label={t('credit.rule.recentDays')}>
            {num(rule.recentDays, (recentDays) => onChange({ ...rule, recentDays }), 'rule.recentDays')}
          </Form.Item>
        )}
      </Space>
    </Form>
  );
}
