// 检查事项 — the random-inspection item list (随机抽查事项清单) that applies to the user: their own
// organisation's items and the lists of the levels above. Year by year, with joint items, and each
// item's versioned checklist under /items/:id.
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Select, type TableColumnsType, Tag } from 'antd';
import { lazy, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { ITEM_TYPES, type ItemRow, type ItemType } from '../api/registers.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { ItemFormModal } from './registers/ItemFormModal.tsx';
import { ITEMS, ratioText, useItemFacets } from './registers/shared.ts';

const ItemDetailPage = lazy(() => import('./registers/ItemDetailPage.tsx'));
const ChecklistEditor = lazy(() => import('./registers/ChecklistEditor.tsx'));

export const ITEM_WRITERS = ['coordinator', 'admin', 'dept_admin'];

export const typeTag = (t: (k: 'item.type.general' | 'item.type.key') => string, type: ItemType) => (
  <Tag color={type === 'key' ? 'volcano' : 'default'}>{t(`item.type.${type}`)}</Tag>
);

function CopyYear({ years, onDone }: { years: number[]; onDone: () => void }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ from: number; to: number }>();
  const submit = async ({ from, to }: { from: number; to: number }) => {
    setBusy(true);
    try {
      const { copied } = await api.post<{ copied: number }>(`${ITEMS}/copy-year`, { from, to });
      message.success(t('item.copied', { count: copied, to }));
      setOpen(false);
      onDone();
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<CopyOutlined />} onClick={() => setOpen(true)} disabled={!years.length}>
        {t('item.copyYear')}
      </Button>
      <Modal
        open={open}
        title={t('item.copyYear')}
        okText={t('item.copyYear')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <p className="tp-secondary">{t('item.copyYearNote')}</p>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ from: years[0], to: (years[0] ?? new Date().getFullYear()) + 1 }}
        >
          <Form.Item name="from" label={t('item.copyFrom')} rules={[{ required: true }]}>
            <Select options={years.map((y) => ({ value: y, label: y }))} />
          </Form.Item>
          <Form.Item name="to" label={t('item.copyTo')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const FILTERS = ['q', 'year', 'department', 'itemType', 'joint', 'checklist', 'active'] as const;

function ItemList() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const table = useTableState(FILTERS);
  const f = table.filters;
  const facets = useItemFacets();
  const years = facets.data?.years ?? [];
  const [creating, setCreating] = useState(false);
  const mayWrite = ITEM_WRITERS.includes(user.role);
  const year = years.find((y) => String(y) === f.year) ?? (f.year === 'all' ? undefined : years[0]);
  const yearFacets = useItemFacets(year);
  const query = {
    q: f.q,
    year,
    department: f.department,
    itemType: ITEM_TYPES.find((v) => v === f.itemType),
    joint: f.joint === 'true' || f.joint === 'false' ? f.joint : undefined,
    checklist: f.checklist === 'true' || f.checklist === 'false' ? f.checklist : undefined,
    active: f.active === 'false' ? 'false' : undefined,
  };
  const items = usePageQuery<ItemRow>(ITEMS, table, {
    ...query,
    year: query.year ? String(query.year) : undefined,
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: [ITEMS] });

  const columns: TableColumnsType<ItemRow> = [
    {
      title: t('item.name'),
      dataIndex: 'name',
      width: phone ? undefined : 320,
      render: (name: string, item) => (
        <>
          <div>
            {name} {item.is_joint && <Tag color="cyan">{t('item.joint')}</Tag>}
            {!item.active && <Tag>{t('item.inactive')}</Tag>}
          </div>
          <div className="tp-secondary">
            <span className="tp-code">{item.code}</span> · {item.category}
            {phone && ` · ${item.owner_department}`}
          </div>
        </>
      ),
    },
    { title: t('item.ownerDepartment'), dataIndex: 'owner_department', responsive: ['md'] },
    {
      title: t('item.target'),
      dataIndex: 'target',
      responsive: ['lg'],
      render: (v: string) => (
        <span className="tp-clip" title={v}>
          {v}
        </span>
      ),
    },
    { title: t('item.type'), dataIndex: 'item_type', render: (v: ItemType) => typeTag(t, v) },
    {
      title: t('item.ratio'),
      dataIndex: 'ratio_bp',
      responsive: ['lg'],
      render: (bp: number | null) => ratioText(bp) ?? t('item.ratioNone'),
    },
    {
      title: t('item.checklist'),
      dataIndex: 'checklist_version',
      responsive: ['md'],
      render: (v: number | null, item) => (
        <>
          {v ? (
            <Tag color="success">{t('item.checklistVersion', { version: v })}</Tag>
          ) : (
            <Tag>{t('item.noChecklist')}</Tag>
          )}
          {item.has_draft && <Tag color="processing">{t('item.hasDraft')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.items')}
        subtitle={
          items.data &&
          t('item.count', {
            count: items.data.total.toLocaleString(locale),
            year: year ?? t('item.allYears'),
          })
        }
        extra={
          <>
            <ExportButton path={`${ITEMS}/export`} query={query} fileName={t('nav.items')} />
            {mayWrite && <CopyYear years={years} onDone={reload} />}
            {mayWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="item-create"
              >
                {t('item.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="tp-clickable-rows">
        <PagedTable
          table={table}
          result={items}
          columns={columns}
          rowKey="id"
          search={{ filter: 'q', placeholder: t('item.searchPlaceholder') }}
          onRow={(item) => ({ onClick: () => navigate(`/items/${item.id}`) })}
          selects={[
            {
              filter: 'year',
              // With no year chosen the list shows the latest one.
              placeholder: years[0] ? t('item.yearLabel', { year: years[0] }) : t('item.allYears'),
              options: [
                ...years.map((y) => ({ value: String(y), label: t('item.yearLabel', { year: y }) })),
                { value: 'all', label: t('item.allYears') },
              ],
            },
            {
              filter: 'department',
              placeholder: t('item.allDepartments'),
              searchable: true,
              options: (yearFacets.data?.departments ?? []).map((d) => ({
                value: d.name,
                label: `${d.name}（${d.count}）`,
              })),
            },
            {
              filter: 'itemType',
              placeholder: t('item.allTypes'),
              options: ITEM_TYPES.map((v) => ({ value: v, label: t(`item.type.${v}`) })),
            },
            {
              filter: 'joint',
              placeholder: t('item.allJoint'),
              options: [
                { value: 'true', label: t('item.jointOnly') },
                { value: 'false', label: t('item.singleOnly') },
              ],
            },
            {
              filter: 'checklist',
              placeholder: t('item.allChecklists'),
              options: [
                { value: 'true', label: t('item.withChecklist') },
                { value: 'false', label: t('item.withoutChecklist') },
              ],
            },
            {
              filter: 'active',
              placeholder: t('item.activeOnly'),
              options: [{ value: 'false', label: t('item.inactiveOnly') }],
            },
          ]}
        />
      </div>
      <ItemFormModal
        open={creating}
        defaultYear={year}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          reload();
          if (id) navigate(`/items/${id}`);
        }}
      />
    </>
  );
}

export default function ItemsPage() {
  return (
    <Routes>
      <Route index element={<ItemList />} />
      <Route path=":id" element={<ItemDetailPage />} />
      <Route path=":id/checklist" element={<ChecklistEditor />} />
    </Routes>
  );
}
