// Pieces the credit pages share: class counts as a chart, the movement between classes as a
// matrix, a run's status.
import { Progress, Table, Tag } from 'antd';
import type { ClassCounts, CreditRun, Movement } from '../../api/credit.ts';
import { CREDIT_CLASSES, type CreditClass } from '../../api/types.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import { creditClassName } from '../../components/CreditClass.tsx';
import { codeName, type Translate, useLocale } from '../../i18n/index.tsx';
import { CREDIT_CLASS_COLORS } from '../../theme.ts';

export const count = (counts: ClassCounts | null | undefined, c: CreditClass | 'none') => counts?.[c] ?? 0;

export const totalOf = (counts: ClassCounts | null | undefined) =>
  Object.values(counts ?? {}).reduce((s, n) => s + (n ?? 0), 0);

export const percent = (n: number, total: number, locale: string) =>
  (n / Math.max(1, total)).toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 });

/** Bars per class, one series per distribution (before and after, or just now). */
export function distributionOption(
  t: Translate,
  locale: string,
  series: { name: string; counts: ClassCounts; faded?: boolean }[],
): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 24, bottom: series.length > 1 ? 32 : 8, containLabel: true },
    // Class letters fit under the bars on any width; the tooltip names them.
    xAxis: {
      type: 'category',
      data: [...CREDIT_CLASSES],
      axisLabel: { formatter: (c: string) => creditClassName(t, c as CreditClass).split(' ')[0] },
    },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 3 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 36,
      // The legend's colour; each bar has its class's.
      itemStyle: { color: s.faded ? '#bfbfbf' : '#595959' },
      data: CREDIT_CLASSES.map((c) => ({
        value: count(s.counts, c),
        itemStyle: { color: CREDIT_CLASS_COLORS[c], opacity: s.faded ? 0.4 : 1 },
      })),
      label: {
        show: true,
        position: 'top',
        formatter: ({ value }) => percent(Number(value), totalOf(s.counts), locale),
      },
    })),
  };
}

/** A ring of the current classes, shares in the legend. */
export function ringOption(t: Translate, locale: string, counts: ClassCounts): ChartOption {
  const total = totalOf(counts);
  const share = new Map(
    CREDIT_CLASSES.map((c) => [creditClassName(t, c), percent(count(counts, c), total, locale)]),
  );
  return {
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)' },
    legend: { bottom: 0, formatter: (name: string) => `${name}  ${share.get(name) ?? ''}` },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['50%', '42%'],
        label: { show: false },
        data: CREDIT_CLASSES.map((c) => ({
          name: creditClassName(t, c),
          value: count(counts, c),
          itemStyle: { color: CREDIT_CLASS_COLORS[c] },
        })),
      },
    ],
  };
}

/** From (rows) × to (columns): how many businesses went where; the diagonal stayed. */
export function MovementMatrix({ movement }: { movement: Movement[] }) {
  const { locale, t } = useLocale();
  const froms = [...CREDIT_CLASSES, null] as const;
  const rows = froms
    .map((from) => ({
      key: from ?? 'none',
      from,
      cells: Object.fromEntries(
        CREDIT_CLASSES.map((to) => [to, movement.find((m) => m.from === from && m.to === to)?.count ?? 0]),
      ),
    }))
    .filter((r) => r.from !== null || Object.values(r.cells).some((n) => n > 0));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="credit-movement"
      columns={[
        {
          title: `${t('credit.from')} \\ ${t('credit.to')}`,
          key: 'from',
          render: (_, r) =>
            r.from ? <Tag color={CREDIT_CLASS_COLORS[r.from]}>{r.from}</Tag> : t('credit.none'),
        },
        ...CREDIT_CLASSES.map((to) => ({
          title: <Tag color={CREDIT_CLASS_COLORS[to]}>{to}</Tag>,
          key: to,
          align: 'right' as const,
          render: (_: unknown, r: (typeof rows)[number]) => {
            const n = r.cells[to];
            const stayed = r.from === to;
            return (
              <span
                data-testid={`move-${r.from ?? 'none'}-${to}`}
                data-value={n}
                style={{
                  fontWeight: stayed || n === 0 ? undefined : 600,
                  color: n === 0 ? '#bfbfbf' : undefined,
                }}
              >
                {n.toLocaleString(locale)}
              </span>
            );
          },
        })),
      ]}
    />
  );
}

const STATUS_COLORS: Record<CreditRun['status'], string> = {
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

export function RunStatus({ run }: { run: Pick<CreditRun, 'status' | 'progress' | 'stage'> }) {
  const t = useLocale().t;
  if (run.status === 'running')
    return (
      <Progress
        percent={run.progress}
        size="small"
        status="active"
        format={() => (run.stage ? codeName(t, 'credit.stage.', run.stage) : `${run.progress}%`)}
        style={{ minWidth: 160 }}
      />
    );
  return <Tag color={STATUS_COLORS[run.status]}>{t(`credit.status.${run.status}`)}</Tag>;
}
