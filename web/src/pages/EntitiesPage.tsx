// Businesses (市场主体) in the user's region: a first, read-only view of the object directory.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { api } from '../api/client.ts';
import {
  CREDIT_CLASSES,
  type CreditClass,
  type EntityKind,
  type EntityRow,
  type EntityStatus,
  type Page,
} from '../api/types.ts';
import { CreditClassTag, creditClassName } from '../components/CreditClass.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useTableState } from '../components/useTableState.ts';
import { useLocale } from '../i18n/index.tsx';

const STATUS_COLORS: Record<EntityStatus, string | undefined> = {
  active: 'success',
  deregistered: undefined,
  revoked: 'error',
  cancelled: 'warning',
  moved_out: undefined,
};

export default function EntitiesPage() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const table = useTableState(['q', 'creditClass'] as const);
  const { q } = table.filters;
  // Only a known class: an edited address must not become a failing request.
  const creditClass = CREDIT_CLASSES.find((c) => c === table.filters.creditClass);
  const query = { q, creditClass, page: table.page, pageSize: table.pageSize };

  const entities = useQuery({
    queryKey: ['entities', query],
    queryFn: () => api.get<Page<EntityRow>>('/api/entities', query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<EntityRow> = [
    // On a phone the table keeps name (with the code under it), status and class.
    {
      title: t('entity.name'),
      dataIndex: 'name',
      fixed: phone ? undefined : 'left',
      width: phone ? undefined : 260,
      render: (name: string, entity) =>
        phone ? (
          <>
            <div>{name}</div>
            <div className="tp-code tp-secondary">{entity.identifier}</div>
          </>
        ) : (
          name
        ),
    },
    {
      title: t('entity.identifier'),
      dataIndex: 'identifier',
      responsive: ['md'],
      render: (identifier: string) => <span className="tp-code">{identifier}</span>,
    },
    {
      title: t('entity.kind'),
      dataIndex: 'kind',
      responsive: ['md'],
      render: (kind: EntityKind) => t(`entity.kind.${kind}`),
    },
    { title: t('entity.regionCode'), dataIndex: 'region_code', responsive: ['lg'] },
    {
      title: t('entity.industryCode'),
      dataIndex: 'industry_code',
      responsive: ['lg'],
      render: (code: string | null) => code ?? '—',
    },
    {
      title: t('entity.status'),
      dataIndex: 'status',
      render: (status: EntityStatus) => (
        <Tag color={STATUS_COLORS[status]}>{t(`entity.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('entity.creditClass'),
      dataIndex: 'credit_class',
      render: (value: CreditClass | null) => <CreditClassTag value={value} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.entities')}
        subtitle={entities.data && t('entity.count', { count: entities.data.total.toLocaleString(locale) })}
      />
      <Card className="tp-panel">
        <div className="tp-toolbar">
          <Input.Search
            placeholder={t('entity.searchPlaceholder')}
            defaultValue={q}
            allowClear
            enterButton
            onSearch={(value) => table.setFilters({ q: value.trim() || undefined })}
            className="tp-toolbar-wide"
          />
          <Select
            placeholder={t('entity.allClasses')}
            value={creditClass}
            allowClear
            onChange={(value: CreditClass | undefined) => table.setFilters({ creditClass: value })}
            options={CREDIT_CLASSES.map((c) => ({ value: c, label: creditClassName(t, c) }))}
          />
        </div>
        {entities.isError && <QueryError error={entities.error} retry={() => entities.refetch()} />}
        <Table<EntityRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entities.data?.rows}
          loading={entities.isFetching}
          pagination={table.pagination(entities.data?.total)}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
