// 统计: a year's published results in numbers and charts, by month, by department and by result
// code (bars: long names read better on a phone than a pie's labels). ECharts arrives with the first chart (its own chunk), after the numbers are on screen.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { type PublicStats, STATS } from '../api/publicity.ts';
import type { ChartOption } from '../components/Chart.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { usePhone } from '../components/usePhone.ts';
import { type Translate, useLocale } from '../i18n/index.tsx';
import { worded } from './parts.tsx';
import { StatTotals } from './StatTotals.tsx';

const Chart = lazy(() => import('../components/Chart.tsx').then((m) => ({ default: m.Chart })));

const PROBLEM_COLOR = '#d4380d';

/** A horizontal bar chart's height for `n` categories. */
export const barsHeight = (n: number, perBar: number) => Math.max(160, perBar * n + 60);

function options(t: Translate, locale: 'zh-CN' | 'en', s: PublicStats, phone: boolean) {
  const series = (name: string, data: number[], color?: string) =>
    ({ type: 'bar', name, data, ...(color ? { itemStyle: { color } } : {}) }) as const;
  const legend = { top: 0 };
  // Long names (departments, result codes) wrap on a phone and are cut on a desk.
  const categoryLabel = phone
    ? ({ width: 110, overflow: 'break', lineHeight: 14 } as const)
    : ({ width: 260, overflow: 'truncate' } as const);
  const byMonth: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 40, right: 12, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: s.byMonth.map((m) => m.month.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      series(
        t('public.stats.published'),
        s.byMonth.map((m) => m.n),
      ),
      series(
        t('public.stats.withProblems'),
        s.byMonth.map((m) => m.withProblems),
        PROBLEM_COLOR,
      ),
    ],
  };
  // Largest at the top: a category axis draws its first value at the bottom.
  const departments = [...s.byDepartment].sort((a, b) => a.n - b.n);
  const byDepartment: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: departments.map((d) => d.department), axisLabel: categoryLabel },
    series: [
      series(
        t('public.stats.published'),
        departments.map((d) => d.n),
      ),
      series(
        t('public.stats.withProblems'),
        departments.map((d) => d.withProblems),
        PROBLEM_COLOR,
      ),
    ],
  };
  const codes = [...s.byCode].sort((a, b) => a.n - b.n);
  const byCode: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: codes.map((c) => `${c.code} ${worded(locale, c)}`),
      axisLabel: categoryLabel,
    },
    series: [
      {
        type: 'bar',
        name: t('public.stats.published'),
        data: codes.map((c) => c.n),
        label: { show: true, position: 'right' },
      },
    ],
  };
  return { byMonth, byDepartment, byCode };
}

function ChartCard({
  title,
  option,
  height,
  empty,
  testId,
}: {
  title: string;
  option: ChartOption;
  height: number;
  empty: boolean;
  testId: string;
}) {
  const { t } = useLocale();
  return (
    <Card className="tp-panel" title={title} data-testid={testId}>
      {empty ? (
        <Empty description={t('public.stats.empty')} />
      ) : (
        <Suspense fallback={<Loading />}>
          <Chart option={option} height={height} label={title} />
        </Suspense>
      )}
    </Card>
  );
}

export default function StatsPage() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year')) || undefined;
  const stats = useQuery({
    queryKey: [STATS, asked === undefined ? {} : { year: asked }],
    queryFn: () => api.get<PublicStats>(STATS, { year: asked }),
  });
  const s = stats.data;
  const charts = useMemo(() => (s ? options(t, locale, s, phone) : null), [s, t, locale, phone]);
  const rate = s?.totals.published ? ((s.totals.withProblems / s.totals.published) * 100).toFixed(1) : null;

  return (
    <>
      <PageHeader
        title={t('public.stats.title')}
        subtitle={rate === null ? t('public.stats.intro') : t('public.stats.rate', { rate })}
        extra={
          <Select
            value={s?.year ?? asked}
            style={{ width: 140 }}
            aria-label={t('plan.year')}
            options={(s?.years ?? []).map((y) => ({ value: y, label: t('item.yearLabel', { year: y }) }))}
            onChange={(year: number) => setParams({ year: String(year) }, { replace: true })}
            data-testid="stats-year"
          />
        }
      />
      {stats.isError && <QueryError error={stats.error} retry={() => stats.refetch()} />}
      <StatTotals stats={s} />
      {s && charts && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('public.stats.byMonth')}
              option={charts.byMonth}
              height={280}
              empty={s.byMonth.length === 0}
              testId="chart-month"
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('public.stats.byCode')}
              option={charts.byCode}
              height={barsHeight(s.byCode.length, phone ? 36 : 24)}
              empty={s.byCode.length === 0}
              testId="chart-code"
            />
          </Col>
          <Col xs={24}>
            <ChartCard
              title={t('public.stats.byDepartment')}
              option={charts.byDepartment}
              height={barsHeight(s.byDepartment.length, phone ? 44 : 28)}
              empty={s.byDepartment.length === 0}
              testId="chart-department"
            />
          </Col>
        </Row>
      )}
    </>
  );
}
