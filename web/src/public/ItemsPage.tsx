// 随机抽查事项清单 as published: year by year, by 编制单位, general or key, single or joint; each
// row opens to its legal basis, methods and the departments of a joint item (in a drawer on a phone).
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { ItemFacets, ItemType, PublicItem } from '../api/publicity.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { codeName, type Translate, useLocale } from '../i18n/index.tsx';

const ITEMS = '/api/public/items';
const FILTERS = ['q', 'year', 'department', 'itemType', 'joint'] as const;

const ratioText = (t: Translate, item: PublicItem) =>
  item.ratioBp === null ? t('item.ratioNone') : `${item.ratioBp / 100}%`;

function ItemDetail({ item }: { item: PublicItem }) {
  const { t } = useLocale();
  const or = (v: string | null | undefined) => v || '—';
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="item-detail">
      <Descriptions.Item label={t('item.target')}>{or(item.target)}</Descriptions.Item>
      <Descriptions.Item label={t('item.subject')}>{or(item.subject)}</Descriptions.Item>
      <Descriptions.Item label={t('item.methods')}>{item.methods.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('item.frequency')}>{or(item.frequency)}</Descriptions.Item>
      <Descriptions.Item label={t('item.legalBasis')} span={{ xs: 1, md: 2 }}>
        <span className="tp-multiline">{or(item.legalBasis)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('item.level')}>
        {item.level ? codeName(t, 'item.level.', item.level) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('item.field')}>{or(item.field)}</Descriptions.Item>
      {item.isJoint && (
        <>
          <Descriptions.Item label={t('item.initiating')}>{or(item.initiatingDepartment)}</Descriptions.Item>
          <Descriptions.Item label={t('item.cooperating')}>
            {item.cooperatingDepartments.join('、') || '—'}
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('item.checklist')}>
        {item.checklistVersion
          ? t('item.checklistVersion', { version: item.checklistVersion })
          : t('item.noChecklist')}
      </Descriptions.Item>
      <Descriptions.Item label={t('public.items.maintainedBy')}>{or(item.orgName)}</Descriptions.Item>
    </Descriptions>
  );
}

export default function ItemsPage() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const [open, setOpen] = useState<PublicItem | null>(null);
  const table = useTableState(FILTERS);
  const f = table.filters;
  const allYears = useQuery({
    queryKey: [`${ITEMS}/facets`, {}],
    queryFn: () => api.get<ItemFacets>(`${ITEMS}/facets`),
  });
  const years = allYears.data?.years ?? [];
  // The newest year unless one is chosen; "all" lists every year.
  const year = years.find((y) => String(y) === f.year) ?? (f.year === 'all' ? undefined : years[0]);
  const facets = useQuery({
    queryKey: [`${ITEMS}/facets`, { year }],
    queryFn: () => api.get<ItemFacets>(`${ITEMS}/facets`, { year }),
    enabled: year !== undefined,
  });
  const departments = (year === undefined ? allYears.data : facets.data)?.departments ?? [];
  const items = usePageQuery<PublicItem>(ITEMS, table, {
    q: f.q,
    year: year === undefined ? undefined : String(year),
    department: f.department,
    itemType: f.itemType === 'general' || f.itemType === 'key' ? f.itemType : undefined,
    joint: f.joint === 'true' || f.joint === 'false' ? f.joint : undefined,
  });

  const columns: TableColumnsType<PublicItem> = [
    {
      title: t('item.name'),
      dataIndex: 'name',
      width: phone ? 220 : 300,
      render: (name: string, item) => (
        <>
          <div>
            {name} {item.isJoint && <Tag color="cyan">{t('item.joint')}</Tag>}
          </div>
          <div className="tp-secondary">
            <span className="tp-code">{item.code}</span> · {item.category}
          </div>
        </>
      ),
    },
    { title: t('item.ownerDepartment'), dataIndex: 'ownerDepartment', width: 160 },
    {
      title: t('item.type'),
      dataIndex: 'itemType',
      width: 120,
      render: (v: ItemType) => <Tag color={v === 'key' ? 'volcano' : 'default'}>{t(`item.type.${v}`)}</Tag>,
    },
    { title: t('item.ratio'), key: 'ratio', width: 100, render: (_, item) => ratioText(t, item) },
    { title: t('item.methods'), dataIndex: 'methods', width: 180, render: (v: string[]) => v.join('、') },
  ];

  return (
    <>
      <PageHeader
        title={t('public.items.title')}
        subtitle={
          items.data &&
          t('item.count', {
            count: items.data.total.toLocaleString(locale),
            year: year ?? t('item.allYears'),
          })
        }
      />
      <PagedTable
        table={table}
        result={items}
        columns={columns}
        rowKey="id"
        scrollOnPhone
        search={{ filter: 'q', placeholder: t('item.searchPlaceholder') }}
        selects={[
          {
            filter: 'year',
            // Nothing chosen means the newest year: say which.
            placeholder: year === undefined ? t('item.year') : t('item.yearLabel', { year }),
            options: [
              ...years.map((y) => ({ value: String(y), label: t('item.yearLabel', { year: y }) })),
              { value: 'all', label: t('item.allYears') },
            ],
          },
          {
            filter: 'department',
            placeholder: t('item.allDepartments'),
            searchable: true,
            options: departments.map((d) => ({ value: d, label: d })),
          },
          {
            filter: 'itemType',
            placeholder: t('item.allTypes'),
            options: (['general', 'key'] as const).map((v) => ({ value: v, label: t(`item.type.${v}`) })),
          },
          {
            filter: 'joint',
            placeholder: t('item.allJoint'),
            options: [
              { value: 'true', label: t('item.jointOnly') },
              { value: 'false', label: t('item.singleOnly') },
            ],
          },
        ]}
        // A desk opens a row in place; a phone, whose table scrolls sideways, opens it in a drawer.
        expandable={phone ? undefined : { expandedRowRender: (item) => <ItemDetail item={item} /> }}
        onRow={phone ? (item) => ({ onClick: () => setOpen(item), style: { cursor: 'pointer' } }) : undefined}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        placement="bottom"
        size="85%"
        title={open?.name}
        data-testid="item-drawer"
      >
        {open && <ItemDetail item={open} />}
      </Drawer>
    </>
  );
}
