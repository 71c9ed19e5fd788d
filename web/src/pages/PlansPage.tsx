// Annual plans (年度抽查工作计划): the list at /plans, a new plan at /plans/new, one plan at /plans/<id>.
import { PlusOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import type { PlanRow, PlanStatus } from '../api/draws.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLocale } from '../i18n/index.tsx';
import PlanEditor from './PlanEditor.tsx';

export const PLAN_STATUS_COLOR: Record<PlanStatus, string> = {
  draft: 'default',
  filed: 'processing',
  published: 'success',
};

const STATUSES: PlanStatus[] = ['draft', 'filed', 'published'];

function PlanList() {
  const { t } = useLocale();
  const table = useTableState(['q', 'status'] as const);
  const status = STATUSES.find((s) => s === table.filters.status);
  const plans = usePageQuery<PlanRow>('/api/plans', table, { q: table.filters.q, status });
  const columns: TableColumnsType<PlanRow> = [
    { title: t('plan.code'), dataIndex: 'code', width: 100 },
    {
      title: t('plan.name'),
      dataIndex: 'name',
      render: (name: string, plan) => <Link to={`/plans/${plan.id}`}>{name}</Link>,
    },
    { title: t('plan.year'), dataIndex: 'year', responsive: ['md'] },
    { title: t('plan.org'), dataIndex: 'org_name', responsive: ['lg'] },
    {
      title: t('plan.kind'),
      dataIndex: 'kind',
      responsive: ['md'],
      render: (kind: string) => t(`plan.kind.${kind}` as 'plan.kind'),
    },
    {
      title: t('plan.status'),
      dataIndex: 'status',
      render: (s: PlanStatus) => <Tag color={PLAN_STATUS_COLOR[s]}>{t(`plan.status.${s}`)}</Tag>,
    },
    {
      title: t('plan.period'),
      key: 'period',
      responsive: ['lg'],
      render: (_, plan) => `${plan.starts_on} ~ ${plan.ends_on}`,
    },
    { title: t('plan.draws'), dataIndex: 'draws', responsive: ['md'], align: 'right' },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.plans')}
        subtitle={t('plan.subtitle')}
        extra={
          <Link to="/plans/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="plan-new">
              {t('plan.create')}
            </Button>
          </Link>
        }
      />
      <PagedTable
        table={table}
        result={plans}
        columns={columns}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('plan.searchPlaceholder') }}
        selects={[
          {
            filter: 'status',
            placeholder: t('plan.allStatuses'),
            options: STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) })),
          },
        ]}
      />
    </>
  );
}

export default function PlansPage() {
  const rest = useParams()['*'];
  if (!rest) return <PlanList />;
  return <PlanEditor key={rest} planId={rest === 'new' ? null : rest} />;
}
