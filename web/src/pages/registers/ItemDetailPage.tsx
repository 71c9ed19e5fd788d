// One item of the list in the official columns, its checklist versions (any can be read; a
// result keeps the version it used) and its recorded changes.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Modal, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ChecklistRecord, ChecklistStatus, ChecklistVersion, ItemDetail } from '../../api/registers.ts';
import { ChangeList } from '../../components/ChangeList.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ActiveToggle } from '../../components/ReasonAction.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useT } from '../../i18n/index.tsx';
import { typeTag } from '../ItemsPage.tsx';
import { ChecklistView } from './ChecklistView.tsx';
import { ItemFormModal } from './ItemFormModal.tsx';
import { ITEMS, ratioText } from './shared.ts';

const STATUS_COLORS: Record<ChecklistStatus, string | undefined> = {
  published: 'success',
  draft: 'processing',
  retired: undefined,
};

function VersionModal({
  itemId,
  version,
  onClose,
}: {
  itemId: string;
  version: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const checklist = useQuery({
    queryKey: [ITEMS, itemId, 'checklist', version],
    queryFn: () => api.get<ChecklistRecord>(`${ITEMS}/${itemId}/checklists/${version}`),
    enabled: version !== null,
  });
  return (
    <Modal
      open={version !== null}
      title={t('checklist.versionTitle', { version: version ?? '' })}
      onCancel={onClose}
      footer={null}
      width={900}
    >
      {checklist.data ? <ChecklistView content={checklist.data.content} /> : <Loading />}
    </Modal>
  );
}

export default function ItemDetailPage() {
  const { id } = useParams();
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const item = useQuery({
    queryKey: [ITEMS, 'detail', id],
    queryFn: () => api.get<ItemDetail>(`${ITEMS}/${id}`),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: [ITEMS] });

  if (item.isError) return <QueryError error={item.error} retry={() => item.refetch()} />;
  if (!item.data) return <Loading />;
  const i = item.data;
  const published = i.checklists.find((c) => c.status === 'published');

  return (
    <>
      <PageHeader
        title={i.name}
        subtitle={
          <>
            <span className="tp-code">{i.code}</span> · {t('item.yearLabel', { year: i.year })} ·{' '}
            {i.owner_department}
          </>
        }
        extra={
          <div className="tp-detail-actions">
            <Link to="/items">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {i.writable && (
              <>
                <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/items/${i.id}/checklist`)}
                  data-testid="checklist-edit"
                >
                  {t('checklist.edit')}
                </Button>
                <ActiveToggle
                  active={i.active}
                  url={`${ITEMS}/${i.id}`}
                  post={(path, body) => api.post(path, body).then(reload)}
                  off={{
                    label: t('item.deactivate'),
                    title: t('item.deactivateTitle', { name: i.name }),
                    note: t('item.deactivateNote'),
                    done: t('item.deactivated'),
                  }}
                  on={{
                    label: t('item.reactivate'),
                    title: t('item.reactivateTitle', { name: i.name }),
                    done: t('item.reactivated'),
                  }}
                />
              </>
            )}
          </div>
        }
      />
      {!i.writable && <Alert type="info" showIcon title={t('item.readOnly')} style={{ marginBottom: 16 }} />}
      <Card className="tp-panel">
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('item.tab.basic'),
              children: (
                <Descriptions
                  column={phone ? 1 : 2}
                  bordered
                  size="small"
                  items={[
                    { label: t('item.ownerDepartment'), children: i.owner_department },
                    { label: t('item.seq'), children: i.seq ?? '—' },
                    { label: i.is_joint ? t('item.field') : t('item.category'), children: i.category },
                    { label: t('item.type'), children: typeTag(t, i.item_type) },
                    { label: t('item.target'), children: i.target, span: phone ? 1 : 2 },
                    ...(i.is_joint
                      ? [
                          { label: t('item.initiating'), children: i.initiating_department },
                          { label: t('item.cooperating'), children: i.cooperating_departments.join('、') },
                        ]
                      : [
                          { label: t('item.methods'), children: i.methods.join('、'), span: phone ? 1 : 2 },
                          {
                            label: t('item.subject'),
                            children: <span className="tp-multiline">{i.subject}</span>,
                            span: phone ? 1 : 2,
                          },
                          {
                            label: t('item.legalBasis'),
                            children: <span className="tp-multiline">{i.legal_basis}</span>,
                            span: phone ? 1 : 2,
                          },
                        ]),
                    { label: t('item.ratio'), children: ratioText(i.ratio_bp) ?? t('item.ratioNone') },
                    { label: t('item.frequency'), children: i.frequency ?? '—' },
                    { label: t('item.level'), children: i.level ? t(`item.level.${i.level}`) : '—' },
                    { label: t('item.qualification'), children: i.required_qualification ?? '—' },
                    { label: t('item.maintainedBy'), children: i.org_name },
                    {
                      label: t('item.checklist'),
                      children: published
                        ? t('item.checklistVersion', { version: published.version })
                        : t('item.noChecklist'),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'checklist',
              label: t('item.tab.checklists'),
              children: i.checklists.length ? (
                <Table<ChecklistVersion>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={i.checklists}
                  columns={[
                    { title: t('checklist.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
                    {
                      title: t('checklist.status'),
                      dataIndex: 'status',
                      render: (s: ChecklistStatus) => (
                        <Tag color={STATUS_COLORS[s]}>{t(`checklist.status.${s}`)}</Tag>
                      ),
                    },
                    {
                      title: t('checklist.size'),
                      key: 'size',
                      responsive: ['md'],
                      render: (_, c) =>
                        t('checklist.counts', { mains: c.mains, subs: c.subs, contents: c.contents }),
                    },
                    {
                      title: t('checklist.publishedAt'),
                      dataIndex: 'published_at',
                      responsive: ['md'],
                      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—'),
                    },
                    { title: t('checklist.note'), dataIndex: 'note', responsive: ['lg'] },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_, c) => (
                        <Button type="link" size="small" onClick={() => setViewing(c.version)}>
                          {t('checklist.view')}
                        </Button>
                      ),
                    },
                  ]}
                />
              ) : (
                <Empty description={t('checklist.none')} />
              ),
            },
            { key: 'changes', label: t('entity.tab.changes'), children: <ChangeList changes={i.changes} /> },
          ]}
        />
      </Card>
      <VersionModal itemId={i.id} version={viewing} onClose={() => setViewing(null)} />
      <ItemFormModal open={editing} item={i} onClose={() => setEditing(false)} onSaved={reload} />
    </>
  );
}
