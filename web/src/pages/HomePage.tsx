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
import { usePhone } from '../components/usePhone.ts';
import { codeName, type Translate, useLocale } from '../i18n/index.tsx';
import { CREDIT_CLASS_COLORS, PRIMARY_COLOR } from '../theme.ts';

const UNCLASSIFIED_COLOR = '#bfbfbf';

/** A ring with the shares in the legend: labels around the ring do not fit on a phone. */
function creditOption(t: Translate, locale: string, data: DashboardSummary, phone: boolean): ChartOption {
  const share = new Map(
    data.entitiesByClass.map((c) => [
      creditClassName(t, c.class),
      (c.count / Math.max(1, data.entities)).toLocaleString(locale, {
        style: 'percent',
        maximumFractionDigits: 1,
      }),
    ]),
  );
  return {
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)' },
    legend: { bottom: 0, itemGap: 12, formatter: (name: string) => `${name}  ${share.get(name) ?? ''}` },
    series: [
      {
        type: 'pie',
        // On a phone the legend wraps to three lines: a smaller ring, higher up, leaves them room.
        radius: phone ? ['38%', '62%'] : ['45%', '72%'],
        center: ['50%', phone ? '38%' : '42%'],
        label: { show: false },
        data: data.entitiesByClass.map((c) => ({
          name: creditClassName(t, c.class),
          value: c.count,
          itemStyle: { color: c.class ? CREDIT_CLASS_COLORS[c.class] : UNCLASSIFIED_COLOR },
        })),
      },
    ],
  };
}

/**
 * Horizontal bars, so long names stay readable on a phone; largest at the top (a category axis
 * runs upwards, hence the ascending sort).
 */
function barOption(rows: { name: string; count: number }[], seriesName: string, locale: string): ChartOption {
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
        itemStyle: { color: PRIMARY_COLOR, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          formatter: ({ value }) => Number(value).toLocaleString(locale),
        },
      },
    ],
  };
}

const barHeight = (bars: number) => Math.max(160, bars * 34 + 40);

function ChartCard({
  title,
  children,
  empty = false,
}: {
  title: string;
  children: ReactNode;
  empty?: boolean;
}) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : children}
    </Card>
  );
}

export default function HomePage() {
  const { locale, t } = useLocale();
  const user = useCurrentUser();
  const phone = usePhone();
  const summary = useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: () => api.get<DashboardSummary>('/api/dashboard/summary'),
  });
  const data = summary.data;

  const charts = useMemo(() => {
    if (!data) return undefined;
    const districts = data.entitiesByDistrict.map((d) => ({ name: d.name, count: d.count }));
    const departments = data.inspectorsByDepartment.map((d) => ({
      name: d.department ? codeName(t, 'department.', d.department) : t('home.noDepartment'),
      count: d.count,
    }));
    return {
      credit: creditOption(t, locale, data, phone),
      // A split into one bar says nothing the counts above do not (a district or office user).
      districts: districts.length > 1 ? barOption(districts, t('home.entities'), locale) : undefined,
      districtsHeight: barHeight(districts.length),
      departments: departments.length > 1 ? barOption(departments, t('home.inspectors'), locale) : undefined,
      departmentsHeight: barHeight(departments.length),
    };
  }, [data, t, locale, phone]);

  const stats = [
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
        {stats.map((s, i) => (
          // On a phone the first count takes the row and the other two share the next.
          <Col key={s.key} xs={i === 0 ? 24 : 12} sm={8}>
            <Card size="small">
              <Statistic
                title={s.title}
                loading={summary.isPending}
                prefix={s.icon}
                value={s.value ?? 0}
                formatter={() => (
                  // Tests read the exact count from data-value; the text is formatted for people.
                  <span data-testid={`stat-${s.key}`} data-value={s.value}>
                    {s.value?.toLocaleString(locale) ?? '–'}
                  </span>
                )}
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
            <Col xs={24} lg={charts.districts ? 10 : 24}>
              <ChartCard title={t('home.byCreditClass')} empty={data.entities === 0}>
                <Chart option={charts.credit} height={phone ? 340 : 300} label={t('home.byCreditClass')} />
              </ChartCard>
            </Col>
            {charts.districts && (
              <Col xs={24} lg={14}>
                <ChartCard title={t('home.byDistrict')}>
                  <Chart
                    option={charts.districts}
                    height={charts.districtsHeight}
                    label={t('home.byDistrict')}
                  />
                </ChartCard>
              </Col>
            )}
            {charts.departments && (
              <Col span={24}>
                <ChartCard title={t('home.byDepartment')}>
                  <Chart
                    option={charts.departments}
                    height={charts.departmentsHeight}
                    label={t('home.byDepartment')}
                  />
                </ChartCard>
              </Col>
            )}
          </>
        )}
      </Row>
    </>
  );
}
