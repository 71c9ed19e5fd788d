// One inspector: certificate, qualifications, and the conflicts of interest (回避) they declared,
// which keep them out of draws involving those businesses. The inspector declares their own;
// administrators manage everyone's in their scope.
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../../api/client.ts';
import {
  type CappedPage,
  CONFLICT_KINDS,
  type Conflict,
  type ConflictKind,
  type EntityListRow,
  type InspectorDetail,
} from '../../api/registers.ts';
import { useCurrentUser } from '../../auth/session.tsx';
import { ChangeList } from '../../components/ChangeList.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ActiveToggle } from '../../components/ReasonAction.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { CertExpiry, statusTag } from '../InspectorsPage.tsx';
import { InspectorFormModal } from './InspectorFormModal.tsx';
import { ENTITIES, INSPECTORS } from './shared.ts';

interface ConflictValues {
  entityId?: string;
  party?: string;
  kind: ConflictKind;
  reason: string;
}

function DeclareConflict({ inspectorId, onSaved }: { inspectorId: string; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<ConflictValues>();
  const found = useQuery({
    queryKey: [ENTITIES, 'pick', search],
    queryFn: () => api.get<CappedPage<EntityListRow>>(ENTITIES, { q: search, pageSize: 20 }),
    enabled: [...search.trim()].length >= 2,
  });

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="conflict-declare">
        {t('conflict.declare')}
      </Button>
      <FormModal<ConflictValues>
        open={open}
        title={t('conflict.declare')}
        okText={t('common.save')}
        form={form}
        submit={(v) =>
          api.post(`${INSPECTORS}/${inspectorId}/conflicts`, {
            entityId: v.entityId ?? null,
            party: v.party?.trim() || null,
            kind: v.kind,
            reason: v.reason.trim(),
          })
        }
        onSuccess={() => {
          message.success(t('conflict.declared'));
          onSaved();
        }}
        onClose={() => setOpen(false)}
      >
        <Form.Item name="entityId" label={t('conflict.entity')} extra={t('conflict.entityHint')}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            allowClear
            loading={found.isFetching}
            options={(found.data?.rows ?? []).map((e) => ({
              value: e.id,
              label: `${e.name}（${e.identifier}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="party" label={t('conflict.party')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('conflict.kind')}
          rules={[{ required: true, message: t('form.choose', { label: t('conflict.kind') }) }]}
        >
          <Select options={CONFLICT_KINDS.map((k) => ({ value: k, label: t(`conflict.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('conflict.reason')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}

export default function InspectorDetailPage() {
  const { id } = useParams();
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const phone = usePhone();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const inspector = useQuery({
    queryKey: [INSPECTORS, 'detail', id],
    queryFn: () => api.get<InspectorDetail>(`${INSPECTORS}/${id}`),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: [INSPECTORS] });
  const admin = user.role === 'admin' || user.role === 'dept_admin';

  if (inspector.isError) return <QueryError error={inspector.error} retry={() => inspector.refetch()} />;
  if (!inspector.data) return <Loading />;
  const r = inspector.data;
  const mayDeclare = admin || user.inspectorId === r.id;

  const withdraw = async (conflict: Conflict) => {
    try {
      await api.post(`${INSPECTORS}/${r.id}/conflicts/${conflict.id}/withdraw`);
      message.success(t('conflict.withdrawn'));
      reload();
    } catch (error) {
      message.error(errorText(error, locale));
    }
  };

  return (
    <>
      <PageHeader
        title={r.name}
        subtitle={<span className="tp-code">{r.cert_no}</span>}
        extra={
          <div className="tp-detail-actions">
            <Link to="/inspectors">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {admin && (
              <>
                <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
                <ActiveToggle
                  active={r.status !== 'suspended'}
                  url={`${INSPECTORS}/${r.id}`}
                  post={(path, body) => api.post(path, body).then(reload)}
                  off={{
                    label: t('inspector.suspend'),
                    title: t('inspector.suspendTitle', { name: r.name }),
                    note: t('inspector.suspendNote'),
                    done: t('inspector.suspended'),
                  }}
                  on={{
                    label: t('inspector.reactivate'),
                    title: t('inspector.reactivateTitle', { name: r.name }),
                    done: t('inspector.reactivated'),
                  }}
                />
              </>
            )}
          </div>
        }
      />
      <Card className="tp-panel">
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('inspector.tab.basic'),
              children: (
                <Descriptions
                  column={phone ? 1 : 2}
                  bordered
                  size="small"
                  items={[
                    { label: t('inspector.certNo'), children: <span className="tp-code">{r.cert_no}</span> },
                    { label: t('inspector.certExpiresOn'), children: <CertExpiry inspector={r} t={t} /> },
                    { label: t('inspector.org'), children: r.org_name },
                    { label: t('inspector.office'), children: r.office_name ?? '—' },
                    { label: t('inspector.status'), children: statusTag(t, r.status) },
                    {
                      label: t('inspector.roles'),
                      children:
                        [r.is_expert && t('inspector.expert'), r.is_leader && t('inspector.leader')]
                          .filter(Boolean)
                          .join('、') || '—',
                    },
                    {
                      label: t('inspector.qualifications'),
                      span: phone ? 1 : 2,
                      children: r.qualifications.length
                        ? r.qualifications.map((q) => <Tag key={q}>{q}</Tag>)
                        : '—',
                    },
                    { label: t('inspector.phone'), children: r.phone ?? '—' },
                    {
                      label: t('inspector.idCard'),
                      children:
                        'id_card' in r ? (
                          <span className="tp-code" data-testid="id-card">
                            {r.id_card ?? '—'}
                          </span>
                        ) : (
                          <span className="tp-secondary">{t('inspector.idCardHidden')}</span>
                        ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'conflicts',
              label: t('inspector.tab.conflicts', {
                count: r.conflicts.filter((c) => !c.withdrawn_on).length,
              }),
              children: (
                <>
                  {mayDeclare && (
                    <div style={{ marginBottom: 12 }}>
                      <DeclareConflict inspectorId={r.id} onSaved={reload} />
                    </div>
                  )}
                  <Table<Conflict>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={r.conflicts}
                    scroll={phone ? undefined : { x: 'max-content' }}
                    columns={[
                      {
                        title: t('conflict.party'),
                        key: 'party',
                        render: (_, c) =>
                          c.entity_id ? (
                            <Link to={`/entities/${c.entity_id}`}>{c.entity_name ?? c.party}</Link>
                          ) : (
                            c.party
                          ),
                      },
                      {
                        title: t('conflict.kind'),
                        dataIndex: 'kind',
                        render: (k: ConflictKind) => t(`conflict.kind.${k}`),
                      },
                      { title: t('conflict.reason'), dataIndex: 'reason', responsive: ['md'] },
                      { title: t('conflict.declaredOn'), dataIndex: 'declared_on', responsive: ['md'] },
                      {
                        title: t('inspector.status'),
                        key: 'state',
                        render: (_, c) =>
                          c.withdrawn_on ? (
                            <Tag>{t('conflict.withdrawnOn', { date: c.withdrawn_on })}</Tag>
                          ) : (
                            <Tag color="warning">{t('conflict.active')}</Tag>
                          ),
                      },
                      ...(mayDeclare
                        ? [
                            {
                              title: t('common.actions'),
                              key: 'actions',
                              render: (_: unknown, c: Conflict) =>
                                !c.withdrawn_on && (
                                  <Popconfirm
                                    title={t('conflict.withdrawConfirm')}
                                    onConfirm={() => withdraw(c)}
                                  >
                                    <Button type="link" size="small">
                                      {t('conflict.withdraw')}
                                    </Button>
                                  </Popconfirm>
                                ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            { key: 'changes', label: t('entity.tab.changes'), children: <ChangeList changes={r.changes} /> },
          ]}
        />
      </Card>
      <InspectorFormModal open={editing} inspector={r} onClose={() => setEditing(false)} onSaved={reload} />
    </>
  );
}
