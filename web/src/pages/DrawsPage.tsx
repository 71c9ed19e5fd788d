// Draws: the list at /draws, the wizard at /draws/new?plan=…&batch=…, one draw at /draws/<id>.
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import type { DrawRow, DrawStatus } from '../api/draws.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DrawStatusTag } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';
import DrawDetail from './DrawDetail.tsx';
import DrawWizard from './DrawWizard.tsx';

const STATUSES: DrawStatus[] = ['committed', 'revealed', 'completed', 'abandoned'];

function DrawList() {
  const { t } = useLocale();
  const table = useTableState(['status'] as const);
  const status = STATUSES.find((s) => s === table.filters.status);
  const draws = usePageQuery<DrawRow>('/api/draws', table, { status });
  const columns: TableColumnsType<DrawRow> = [
    {
      title: t('draw.code'),
      dataIndex: 'code',
      render: (code: string, d) => <Link to={`/draws/${d.id}`}>{code}</Link>,
    },
    { title: t('draw.plan'), key: 'plan', render: (_, d) => `${d.planName}（${d.batchName}）` },
    { title: t('plan.org'), dataIndex: 'orgName', responsive: ['lg'] },
    {
      title: t('draw.statusLabel'),
      dataIndex: 'status',
      render: (s: DrawStatus) => <DrawStatusTag status={s} />,
    },
    {
      title: t('draw.committedAt'),
      dataIndex: 'committedAt',
      responsive: ['md'],
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('draw.tasks'),
      key: 'tasks',
      responsive: ['md'],
      render: (_, d) =>
        d.counts ? t('draw.tasksSummary', { tasks: d.counts.tasks, unassigned: d.counts.unassigned }) : '—',
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.draws')} subtitle={t('draw.subtitle')} />
      <PagedTable
        table={table}
        result={draws}
        columns={columns}
        rowKey="id"
        selects={[
          {
            filter: 'status',
            placeholder: t('draw.allStatuses'),
            options: STATUSES.map((s) => ({ value: s, label: t(`draw.status.${s}`) })),
          },
        ]}
      />
    </>
  );
}

export default function DrawsPage() {
  const rest = useParams()['*'];
  if (!rest) return <DrawList />;
  if (rest === 'new') return <DrawWizard />;
  return <DrawDetail key={rest} drawId={rest} />;
}
