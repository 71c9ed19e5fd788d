// Businesses (市场主体) in the user's region: a first, read-only view of the object directory.
import { type TableColumnsType, Tag } from 'antd';
import {
  CREDIT_CLASSES,
  type CreditClass,
  type EntityKind,
  type EntityRow,
  type EntityStatus,
} from '../api/types.ts';
import { CreditClassTag, creditClassName } from '../components/CreditClass.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
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
  const entities = usePageQuery<EntityRow>('/api/entities', table, { q, creditClass });

  const statusTag = (status: EntityStatus) => (
    <Tag color={STATUS_COLORS[status]}>{t(`entity.status.${status}`)}</Tag>
  );

  const columns: TableColumnsType<EntityRow> = [
    // On a phone two columns fit: the name, with the code (and a status other than 存续) under
    // it, and the credit class.
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
            {entity.status !== 'active' && statusTag(entity.status)}
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
      responsive: ['md'],
      render: statusTag,
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
      <PagedTable
        table={table}
        result={entities}
        columns={columns}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('entity.searchPlaceholder') }}
        selects={[
          {
            filter: 'creditClass',
            placeholder: t('entity.allClasses'),
            options: CREDIT_CLASSES.map((c) => ({ value: c, label: creditClassName(t, c) })),
          },
        ]}
      />
    </>
  );
}
