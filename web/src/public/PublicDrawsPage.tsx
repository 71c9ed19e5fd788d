// Every draw as published, newest first, abandoned ones included with their reason.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Table } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { DrawRow } from '../api/draws.ts';
import type { Page } from '../api/types.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { drawListColumns } from '../drawview/DrawView.tsx';
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
          columns={drawListColumns(t, (d) => `/draws/${d.code}`)}
        />
      </Card>
    </>
  );
}
