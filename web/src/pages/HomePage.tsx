// Staff home: the real counts of the user's city (or district, office) and how they split.
import { ApartmentOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { api } from '../api/client.ts';
import type { DashboardSummary } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { creditClassName } from '../components/CreditClass.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { type Translate, useLocale } from '../i18n/index.tsx';
import { CREDIT_CLASS_COLORS } from '../theme.ts';

const UNCLASSIFIED_COLOR = '#bfbfbf';

function creditOption(t: Translate, data: DashboardSummary): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'plain' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '44%'],
        label: { formatter: '{d}%' },
        data: data.entitiesByClass.map((c) => ({
          name: creditClassName(t, c.class),
          value: c.count,
          itemStyle: { color: c.class ? CREDIT_CLASS_COLORS[c.class] : UNCLASSIFIED_COLOR },
        })),
      },
    ],
  };
}

/** Horizontal bars, largest first: long Chinese names stay readable on a phone. */
function barOption(rows: { name: string; count: number }[], seriesName: string): ChartOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: sorted.map((r) => r.count),
        barMaxWidth: 22,
        itemStyle: { color: '#1554ad', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

const barHeight = (bars: number) => Math.max(160, bars * 34 + 40);

function ChartCard({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : children}
    </Card>
  );
}

export default function HomePage() {
  const { locale, t } = useLocale();
  const user = useCurrentUser();
  const summary = useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: () => api.get<DashboardSummary>('/api/dashboard/summary'),
  });
  const data = summary.data;

  const charts = useMemo(() => {
    if (!data) return undefined;
    const districts = data.entitiesByDistrict.map((d) => ({ name: d.name, count: d.count }));
    const departments = data.inspectorsByDepartment.map((d) => ({
      name: d.department ?? t('home.noDepartment'),
      count: d.count,
    }));
    return {
      credit: creditOption(t, data),
      districts: barOption(districts, t('home.entities')),
      districtsHeight: barHeight(districts.length),
      departments: barOption(departments, t('home.inspectors')),
      departmentsHeight: barHeight(departments.length),
    };
  }, [data, t]);

  const number = (n: number) => n.toLocaleString(locale);
  const stats: { key: string; title: string; value: number | undefined; icon: ReactNode }[] = [
    { key: 'entities', title: t('home.entities'), value: data?.entities, icon: <ShopOutlined /> },
    {
      key: 'departments',
      title: t('home.departments'),
      value: data?.departments,
      icon: <ApartmentOutlined />,
    },
    { key: 'inspectors', title: t('home.inspectors'), value: data?.inspectors, icon: <TeamOutlined /> },
  ];

  return (
    <>
      <PageHeader title={t('nav.home')} subtitle={t('home.scope', { org: user.orgName })} />
      {summary.isError && <QueryError error={summary.error} retry={() => summary.refetch()} />}
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={24} sm={8}>
            <Card size="small">
              <Statistic
                title={s.title}
                loading={summary.isPending}
                prefix={s.icon}
                value={s.value ?? 0}
                formatter={() =>
                  s.value === undefined ? (
                    '–'
                  ) : (
                    // Tests read the exact count from data-value; the text is formatted for people.
                    <span data-testid={`stat-${s.key}`} data-value={s.value}>
                      {number(s.value)}
                    </span>
                  )
                }
              />
            </Card>
          </Col>
        ))}
        {summary.isPending && (
          <Col span={24}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 6 }} />
            </Card>
          </Col>
        )}
        {data && charts && (
          <>
            <Col xs={24} lg={10}>
              <ChartCard title={t('home.byCreditClass')} empty={data.entities === 0}>
                <Chart option={charts.credit} height={300} label={t('home.byCreditClass')} />
              </ChartCard>
            </Col>
            <Col xs={24} lg={14}>
              <ChartCard title={t('home.byDistrict')} empty={data.entitiesByDistrict.length === 0}>
                <Chart
                  option={charts.districts}
                  height={charts.districtsHeight}
                  label={t('home.byDistrict')}
                />
              </ChartCard>
            </Col>
            <Col span={24}>
              <ChartCard title={t('home.byDepartment')} empty={data.inspectorsByDepartment.length === 0}>
                <Chart
                  option={charts.departments}
                  height={charts.departmentsHeight}
                  label={t('home.byDepartment')}
                />
              </ChartCard>
            </Col>
          </>
        )}
      </Row>
    </>
  );
}
