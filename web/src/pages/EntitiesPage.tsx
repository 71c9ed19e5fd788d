// 市场主体 — the business directory of the user's region: search by name or code with filters,
// a count that stops at 10,000 rather than scanning millions of rows, export, create; the detail
// page and its history under /entities/:id.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Select, type TableColumnsType, Tag, TreeSelect } from 'antd';
import { lazy, useMemo, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { type CappedPage, ENTITY_KINDS, ENTITY_STATUSES, type EntityListRow } from '../api/registers.ts';
import { CREDIT_CLASSES, type CreditClass, type EntityKind, type EntityStatus } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { CreditClassTag, creditClassName } from '../components/CreditClass.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { PagedTable, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { EntityFormModal } from './registers/EntityFormModal.tsx';
import { ENTITIES, regionOptions, STATUS_COLORS, useEntityFacets } from './registers/shared.ts';

const EntityDetailPage = lazy(() => import('./registers/EntityDetailPage.tsx'));

/** The server counts at most this many matches (COUNT_CAP in src/modules/entities/repo.ts). */
const COUNT_CAP = 10_000;

const FILTERS = [
  'q',
  'region',
  'industry',
  'creditClass',
  'status',
  'kind',
  'tag',
  'directory',
  'sort',
] as const;
const SORTS = ['identifier', 'name', 'registered_on', 'region_code'] as const;

function EntityList() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const facets = useEntityFacets();
  const table = useTableState(FILTERS);
  const f = table.filters;
  const [creating, setCreating] = useState(false);
  const mayWrite = user.role === 'admin' || user.role === 'dept_admin';

  // Only known values reach the server: an edited address must not become a failing request.
  const query = {
    q: f.q,
    region: f.region && /^\d{2,9}$/.test(f.region) ? f.region : undefined,
    industry: facets.data?.sections.some((s) => s.code === f.industry) ? f.industry : undefined,
    creditClass: CREDIT_CLASSES.find((c) => c === f.creditClass),
    status: ENTITY_STATUSES.find((s) => s === f.status),
    kind: ENTITY_KINDS.find((k) => k === f.kind),
    tag: f.tag,
    directory: (['out', 'all'] as const).find((d) => d === f.directory),
    sort: SORTS.find((s) => s === f.sort),
  };
  const params = { ...query, page: table.page, pageSize: table.pageSize };
  const entities = useQuery({
    queryKey: [ENTITIES, params],
    queryFn: () => api.get<CappedPage<EntityListRow>>(ENTITIES, params),
    placeholderData: (previous) => previous,
  });
  const regions = useMemo(() => regionOptions(facets.data?.regions ?? []), [facets.data]);

  const statusTag = (status: EntityStatus) => (
    <Tag color={STATUS_COLORS[status]}>{t(`entity.status.${status}`)}</Tag>
  );
  const count = (total: number, exact: boolean) =>
    exact
      ? t('entity.count', { count: total.toLocaleString(locale) })
      : t('entity.countCapped', { count: COUNT_CAP.toLocaleString(locale) });

  const columns: TableColumnsType<EntityListRow> = [
    {
      title: t('entity.name'),
      dataIndex: 'name',
      fixed: phone ? undefined : 'left',
      width: phone ? undefined : 280,
      render: (name: string, entity) => (
        <>
          <div>
            {name} {!entity.in_directory && <Tag>{t('entity.removed')}</Tag>}
          </div>
          {phone && (
            <>
              <div className="tp-code tp-secondary">{entity.identifier}</div>
              {entity.status !== 'active' && statusTag(entity.status)}
            </>
          )}
        </>
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
      responsive: ['lg'],
      render: (kind: EntityKind) => t(`entity.kind.${kind}`),
    },
    {
      title: t('entity.region'),
      dataIndex: 'region_name',
      responsive: ['lg'],
      render: (name: string | null, e) => (name ?? e.region_code).replace(/^广东省深圳市/, ''),
    },
    {
      title: t('entity.industry'),
      dataIndex: 'industry_name',
      responsive: ['xl'],
      render: (name: string | null, e) => (e.industry_code ? `${e.industry_code} ${name ?? ''}` : '—'),
    },
    { title: t('entity.status'), dataIndex: 'status', responsive: ['md'], render: statusTag },
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
        subtitle={entities.data && count(entities.data.total, entities.data.totalExact)}
        extra={
          <>
            <ExportButton path={`${ENTITIES}/export`} query={query} fileName={t('nav.entities')} />
            {mayWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="entity-create"
              >
                {t('entity.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="tp-clickable-rows">
        <PagedTable
          table={table}
          result={entities}
          columns={columns}
          rowKey="id"
          search={{ filter: 'q', placeholder: t('entity.searchPlaceholder') }}
          totalText={(total) => count(total, entities.data?.totalExact ?? true)}
          onRow={(entity) => ({ onClick: () => navigate(`/entities/${entity.id}`) })}
          selects={[
            {
              filter: 'creditClass',
              placeholder: t('entity.allClasses'),
              options: CREDIT_CLASSES.map((c) => ({ value: c, label: creditClassName(t, c) })),
            },
            {
              filter: 'status',
              placeholder: t('entity.allStatuses'),
              options: ENTITY_STATUSES.map((s) => ({ value: s, label: t(`entity.status.${s}`) })),
            },
            {
              filter: 'kind',
              placeholder: t('entity.allKinds'),
              options: ENTITY_KINDS.map((k) => ({ value: k, label: t(`entity.kind.${k}`) })),
            },
            {
              filter: 'industry',
              placeholder: t('entity.allIndustries'),
              searchable: true,
              options: (facets.data?.sections ?? []).map((s) => ({
                value: s.code,
                label: `${s.code} ${s.name}`,
              })),
            },
            {
              filter: 'tag',
              placeholder: t('entity.allTags'),
              searchable: true,
              options: (facets.data?.tags ?? []).map((tag) => ({ value: tag.name, label: tag.name })),
            },
            {
              filter: 'directory',
              placeholder: t('entity.directory.in'),
              options: (['out', 'all'] as const).map((d) => ({
                value: d,
                label: t(`entity.directory.${d}`),
              })),
            },
          ]}
          toolbarExtra={
            <>
              <TreeSelect
                placeholder={t('entity.allRegions')}
                treeData={regions}
                value={query.region}
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                onChange={(value: string | undefined) => table.setFilters({ region: value })}
                data-testid="filter-region"
              />
              <Select
                placeholder={t('entity.sort.identifier')}
                value={query.sort === 'identifier' ? undefined : query.sort}
                allowClear
                onChange={(value: string | undefined) => table.setFilters({ sort: value })}
                options={SORTS.filter((s) => s !== 'identifier').map((s) => ({
                  value: s,
                  label: t(`entity.sort.${s}`),
                }))}
              />
            </>
          }
        />
      </div>
      <EntityFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          queryClient.invalidateQueries({ queryKey: [ENTITIES] });
          if (id) navigate(`/entities/${id}`);
        }}
      />
    </>
  );
}

export default function EntitiesPage() {
  return (
    <Routes>
      <Route index element={<EntityList />} />
      <Route path=":id" element={<EntityDetailPage />} />
    </Routes>
  );
}
