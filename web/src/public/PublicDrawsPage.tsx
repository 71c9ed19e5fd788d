// Every draw as published, newest first, abandoned ones included with their reason.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { DrawRow, DrawStatus } from '../api/draws.ts';
import type { Page } from '../api/types.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DrawStatusTag } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';

export default function PublicDrawsPage() {
  const { t } = useLocale();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { q, page, pageSize };
  const draws = useQuery({
    queryKey: ['/api/public/draws', query],
    queryFn: () => api.get<Page<DrawRow>>('/api/public/draws', query),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('public.draws.title')} subtitle={t('public.draws.intro')} />
      <Card className="tp-panel">
        <Input.Search
          allowClear
          enterButton
          placeholder={t('public.draws.search')}
          onSearch={(value) => {
            setQ(value.trim() || undefined);
            setPage(1);
          }}
          style={{ marginBottom: 12, maxWidth: 420 }}
        />
        {draws.isError && <QueryError error={draws.error} retry={() => draws.refetch()} />}
        <Table<DrawRow>
          rowKey="id"
          size="middle"
          loading={draws.isFetching}
          dataSource={draws.data?.rows}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: draws.data?.total,
            showTotal: (count) => t('table.total', { count }),
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
          columns={[
            {
              title: t('draw.code'),
              dataIndex: 'code',
              render: (code: string) => (
                <Link to={`/draws/${code}`} data-testid="public-draw-link">
                  {code}
                </Link>
              ),
            },
            { title: t('draw.plan'), key: 'plan', render: (_, d) => `${d.planName}（${d.batchName}）` },
            { title: t('plan.org'), dataIndex: 'orgName', responsive: ['md'] },
            {
              title: t('draw.statusLabel'),
              key: 'status',
              render: (_, d) => (
                <>
                  <DrawStatusTag status={d.status as DrawStatus} />
                  {d.abandonedReason && <div className="tp-secondary">{d.abandonedReason}</div>}
                </>
              ),
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
              render: (_, d) =>
                d.counts
                  ? t('draw.tasksSummary', { tasks: d.counts.tasks, unassigned: d.counts.unassigned })
                  : '—',
            },
          ]}
        />
      </Card>
    </>
  );
}
