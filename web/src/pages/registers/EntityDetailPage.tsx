// One business: its record, its special libraries, and its history (inspections, results, lists,
// credit class over time, recorded changes). Administrators edit it or take it out of the directory.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { EntityDetail, EntityHistory } from '../../api/registers.ts';
import { useCurrentUser } from '../../auth/session.tsx';
import { ChangeList } from '../../components/ChangeList.tsx';
import { CreditClassTag } from '../../components/CreditClass.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ActiveToggle } from '../../components/ReasonAction.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { codeName, useT } from '../../i18n/index.tsx';
import { EntityFormModal } from './EntityFormModal.tsx';
import { ENTITIES, STATUS_COLORS } from './shared.ts';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export default function EntityDetailPage() {
  const { id } = useParams();
  const t = useT();
  const phone = usePhone();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const entity = useQuery({
    queryKey: [ENTITIES, 'detail', id],
    queryFn: () => api.get<EntityDetail>(`${ENTITIES}/${id}`),
  });
  const history = useQuery({
    queryKey: [ENTITIES, 'history', id],
    queryFn: () => api.get<EntityHistory>(`${ENTITIES}/${id}/history`),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: [ENTITIES] });
  const mayWrite = user.role === 'admin' || user.role === 'dept_admin';

  if (entity.isError) return <QueryError error={entity.error} retry={() => entity.refetch()} />;
  if (!entity.data) return <Loading />;
  const e = entity.data;
  const empty = (text: string) => <Empty description={text} />;

  return (
    <>
      <PageHeader
        title={e.name}
        subtitle={
          <span className="tp-code" data-testid="entity-identifier">
            {e.identifier}
          </span>
        }
        extra={
          <div className="tp-detail-actions">
            <Link to="/entities">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {mayWrite && (
              <>
                <Button onClick={() => setEditing(true)} data-testid="entity-edit">
                  {t('common.edit')}
                </Button>
                <ActiveToggle
                  active={e.in_directory}
                  url={`${ENTITIES}/${e.id}`}
                  post={(path, body) => api.post(path, body).then(reload)}
                  off={{
                    label: t('entity.remove'),
                    title: t('entity.removeTitle', { name: e.name }),
                    note: t('entity.removeNote'),
                    done: t('entity.removedDone'),
                  }}
                  on={{
                    label: t('entity.restore'),
                    title: t('entity.restoreTitle', { name: e.name }),
                    done: t('entity.restoredDone'),
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
              label: t('entity.tab.basic'),
              children: (
                <Descriptions
                  column={phone ? 1 : 2}
                  bordered
                  size="small"
                  items={[
                    { label: t('entity.uscc'), children: <span className="tp-code">{dash(e.uscc)}</span> },
                    { label: t('entity.regNo'), children: <span className="tp-code">{dash(e.reg_no)}</span> },
                    { label: t('entity.kind'), children: t(`entity.kind.${e.kind}`) },
                    {
                      label: t('entity.status'),
                      children: (
                        <>
                          <Tag color={STATUS_COLORS[e.status]}>{t(`entity.status.${e.status}`)}</Tag>
                          {!e.in_directory && <Tag>{t('entity.removed')}</Tag>}
                        </>
                      ),
                    },
                    { label: t('entity.legalRep'), children: dash(e.legal_rep) },
                    { label: t('entity.registeredOn'), children: dash(e.registered_on) },
                    { label: t('entity.regAddress'), children: dash(e.reg_address), span: phone ? 1 : 2 },
                    { label: t('entity.bizAddress'), children: dash(e.biz_address), span: phone ? 1 : 2 },
                    { label: t('entity.region'), children: `${dash(e.region_name)}（${e.region_code}）` },
                    {
                      label: t('entity.industry'),
                      children: e.industry_code ? `${e.industry_code} ${e.industry_name ?? ''}` : '—',
                    },
                    {
                      label: t('entity.capital'),
                      children: e.capital_wan
                        ? `${e.capital_wan.replace(/\.?0+$/, '')} ${t('entity.capitalUnit')}`
                        : '—',
                    },
                    { label: t('entity.phone'), children: dash(e.phone) },
                    { label: t('entity.creditClass'), children: <CreditClassTag value={e.credit_class} /> },
                    { label: t('entity.complaints'), children: e.complaint_count },
                    {
                      label: t('entity.tags'),
                      span: phone ? 1 : 2,
                      children: e.tag_details.length
                        ? e.tag_details.map((tag) => (
                            <Tag key={tag.name} color="blue">
                              {tag.name}
                              {tag.required_qualification && (
                                <span className="tp-secondary">
                                  {' '}
                                  · {t('entity.tagNeeds', { q: tag.required_qualification })}
                                </span>
                              )}
                            </Tag>
                          ))
                        : '—',
                    },
                  ]}
                />
              ),
            },
            {
              key: 'inspections',
              label: t('entity.tab.inspections'),
              children: history.data?.inspections.length ? (
                <Table
                  size="small"
                  rowKey="taskCode"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={history.data.inspections}
                  columns={[
                    { title: t('entity.history.task'), dataIndex: 'taskCode', className: 'tp-code' },
                    {
                      title: t('entity.history.plan'),
                      dataIndex: 'planName',
                      render: (name: string | null, row) =>
                        row.drawCode ? (
                          <Link to={`/draws/${row.drawCode}`}>{name ?? row.drawCode}</Link>
                        ) : (
                          dash(name)
                        ),
                    },
                    ...(phone ? [] : [{ title: t('entity.history.department'), dataIndex: 'department' }]),
                    {
                      title: t('entity.status'),
                      key: 'status',
                      render: (_: unknown, row: EntityHistory['inspections'][number]) =>
                        row.status === 'assigned' ? (
                          row.inspectionStatuses.map((s) => (
                            <Tag key={s}>{codeName(t, 'inspection.status', s)}</Tag>
                          ))
                        ) : (
                          <Tag title={row.statusReason ?? undefined}>
                            {codeName(t, 'task.status', row.status)}
                          </Tag>
                        ),
                    },
                  ]}
                />
              ) : (
                empty(t('entity.inspectionsEmpty'))
              ),
            },
            {
              key: 'results',
              label: t('entity.tab.results'),
              children: history.data?.results.length ? (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={history.data.results}
                  columns={[
                    { title: t('entity.history.endedOn'), dataIndex: 'endedOn', render: dash },
                    ...(phone ? [] : [{ title: t('entity.history.department'), dataIndex: 'department' }]),
                    {
                      title: t('entity.history.codes'),
                      dataIndex: 'codes',
                      render: (codes: EntityHistory['results'][number]['codes']) =>
                        codes.map((c) => (
                          <Tag key={c.code} color={c.code === '1' ? 'success' : 'warning'}>
                            {c.code} {c.name}
                          </Tag>
                        )),
                    },
                    {
                      title: t('entity.history.published'),
                      dataIndex: 'publishedAt',
                      render: (at: string | null) =>
                        at ? at.slice(0, 10) : t('entity.history.notPublished'),
                    },
                  ]}
                />
              ) : (
                empty(t('entity.resultsEmpty'))
              ),
            },
            {
              key: 'lists',
              label: t('entity.tab.lists'),
              children: history.data?.lists.length ? (
                <Table
                  size="small"
                  rowKey={(row) => `${row.list}-${row.listedOn}-${row.cause}`}
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={history.data.lists}
                  columns={[
                    {
                      title: t('entity.list'),
                      dataIndex: 'list',
                      render: (list: 'abnormal' | 'serious') => t(`entity.list.${list}`),
                    },
                    { title: t('entity.history.cause'), dataIndex: 'cause', render: dash },
                    { title: t('entity.history.listedOn'), dataIndex: 'listedOn', render: dash },
                    {
                      title: t('entity.status'),
                      key: 'state',
                      render: (_: unknown, row: EntityHistory['lists'][number]) =>
                        row.removedOn ? (
                          <Tag title={row.removalReason ?? undefined}>
                            {t('entity.history.removedOn', { date: row.removedOn })}
                          </Tag>
                        ) : (
                          <Tag color="error">{t('entity.listed')}</Tag>
                        ),
                    },
                  ]}
                />
              ) : (
                empty(t('entity.listsEmpty'))
              ),
            },
            {
              key: 'credit',
              label: t('entity.tab.credit'),
              children: history.data?.creditClasses.length ? (
                <>
                  <Table
                    size="small"
                    rowKey={(row) => `${row.asOf}-${row.kind}-${row.score}`}
                    pagination={false}
                    dataSource={history.data.creditClasses}
                    columns={[
                      { title: t('entity.history.asOf'), dataIndex: 'asOf' },
                      {
                        title: t('entity.creditClass'),
                        dataIndex: 'class',
                        render: (c) => <CreditClassTag value={c} />,
                      },
                      { title: t('entity.history.score'), dataIndex: 'score' },
                    ]}
                  />
                  <Link to={`/credit/entities/${e.id}`}>{t('entity.history.creditProfile')}</Link>
                </>
              ) : (
                empty(t('entity.creditEmpty'))
              ),
            },
            {
              key: 'changes',
              label: t('entity.tab.changes'),
              children: history.data ? <ChangeList changes={history.data.changes} /> : <Loading />,
            },
          ]}
        />
      </Card>
      <EntityFormModal open={editing} entity={e} onClose={() => setEditing(false)} onSaved={reload} />
    </>
  );
}
