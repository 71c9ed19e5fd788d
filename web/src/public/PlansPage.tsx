// 抽查计划 as published: every filed and published plan, newest first, with its period, items and
// the number of amendments since it was published.
import { useQuery } from '@tanstack/react-query';
import { type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { ItemFacets, PublicPlanRow } from '../api/publicity.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLocale } from '../i18n/index.tsx';
import { day } from './parts.tsx';

const PLANS = '/api/public/plans';
const FILTERS = ['q', 'year'] as const;

export default function PlansPage() {
  const { t } = useLocale();
  const table = useTableState(FILTERS);
  const f = table.filters;
  // Plans are yearly like the item list: its years are the choice.
  const facets = useQuery({
    queryKey: ['/api/public/items/facets', {}],
    queryFn: () => api.get<ItemFacets>('/api/public/items/facets'),
  });
  const years = facets.data?.years ?? [];
  const plans = usePageQuery<PublicPlanRow>(PLANS, table, { q: f.q, year: f.year });

  const columns: TableColumnsType<PublicPlanRow> = [
    {
      title: t('plan.name'),
      dataIndex: 'name',
      width: 280,
      render: (name: string, p) => (
        <>
          <Link to={`/plans/${p.code}`} data-testid="plan-link">
            {name}
          </Link>
          <div className="tp-secondary tp-code">{p.code}</div>
        </>
      ),
    },
    { title: t('plan.year'), dataIndex: 'year', width: 80 },
    { title: t('plan.org'), dataIndex: 'orgName', width: 180 },
    {
      title: t('plan.kind'),
      key: 'kind',
      width: 200,
      render: (_, p) => (
        <>
          <Tag color={p.kind === 'joint' ? 'cyan' : 'default'}>{t(`plan.kind.${p.kind}`)}</Tag>
          {p.directed && <Tag>{t('plan.directed')}</Tag>}
          {p.kind === 'joint' && <div className="tp-secondary">{p.departments.join('、')}</div>}
        </>
      ),
    },
    { title: t('plan.period'), key: 'period', width: 200, render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
    { title: t('public.plan.publishedAt'), dataIndex: 'publishedAt', width: 110, render: day },
    { title: t('public.plans.items'), dataIndex: 'itemCount', width: 80, align: 'right' },
    {
      title: t('plan.section.amendments'),
      dataIndex: 'amendmentCount',
      width: 90,
      align: 'right',
      render: (n: number) => (n ? <Tag color="warning">{n}</Tag> : 0),
    },
  ];

  return (
    <>
      <PageHeader title={t('public.plans.title')} subtitle={t('public.plans.intro')} />
      <PagedTable
        table={table}
        result={plans}
        columns={columns}
        rowKey="id"
        scrollOnPhone
        search={{ filter: 'q', placeholder: t('plan.searchPlaceholder') }}
        selects={[
          {
            filter: 'year',
            placeholder: t('item.allYears'),
            options: years.map((y) => ({ value: String(y), label: t('item.yearLabel', { year: y }) })),
          },
        ]}
      />
    </>
  );
}
