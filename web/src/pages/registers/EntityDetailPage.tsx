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
import { useT } from '../../i18n/index.tsx';
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
              children: history.data?.inspections.length ? null : empty(t('entity.historyEmpty')),
            },
            {
              key: 'results',
              label: t('entity.tab.results'),
              children: history.data?.results.length ? null : empty(t('entity.historyEmpty')),
            },
            {
              key: 'lists',
              label: t('entity.tab.lists'),
              children: (
                <Table
                  size="small"
                  rowKey="list"
                  pagination={false}
                  dataSource={history.data?.lists ?? []}
                  columns={[
                    {
                      title: t('entity.list'),
                      dataIndex: 'list',
                      render: (list: string) => t(`entity.list.${list as 'abnormal'}`),
                    },
                    {
                      title: t('entity.status'),
                      dataIndex: 'listed',
                      render: (listed: boolean) =>
                        listed ? (
                          <Tag color="error">{t('entity.listed')}</Tag>
                        ) : (
                          <Tag>{t('entity.notListed')}</Tag>
                        ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'credit',
              label: t('entity.tab.credit'),
              children: history.data?.creditClasses.length ? (
                <Table
                  size="small"
                  rowKey="class"
                  pagination={false}
                  dataSource={history.data.creditClasses}
                  columns={[
                    {
                      title: t('entity.creditClass'),
                      dataIndex: 'class',
                      render: (c) => <CreditClassTag value={c} />,
                    },
                    {
                      title: t('entity.creditFrom'),
                      dataIndex: 'from',
                      render: (from: string | null, row) =>
                        from ?? (row.current ? t('entity.creditCurrent') : '—'),
                    },
                  ]}
                />
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
