// 结果审核: the reviewer's queue of submitted records, and one record to approve or return with a reason.
// /review/<inspection id> is the record.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Space,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import type { InspectionRow, InspectionStatus, TaskView } from '../api/inspections.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLocale } from '../i18n/index.tsx';
import { dispositionLabel, methodLabel, shortTime } from '../inspections/labels.ts';
import {
  ChecklistWalk,
  CodeTags,
  DeadlineTag,
  EvidenceList,
  History,
  StatusTag,
} from '../inspections/parts.tsx';

const STATUSES: InspectionStatus[] = ['submitted', 'returned', 'approved', 'published'];

export function InspectionDetail({ id, back }: { id: string; back: { to: string; label: string } }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const detail = useQuery({
    queryKey: ['/api/inspections', id],
    queryFn: () => api.get<TaskView>(`/api/inspections/${id}`),
  });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['/api/inspections'] });
    void queryClient.invalidateQueries({ queryKey: ['/api/inspections/due'] });
  };
  const approve = useMutation({
    mutationFn: () => api.post(`/api/inspections/${id}/approve`, { version: detail.data?.record?.version }),
    onSuccess: () => {
      message.success(t('review.approved'));
      done();
    },
    onError: (e) => message.error(errorText(e, locale)),
  });
  const publish = useMutation({
    mutationFn: () => api.post('/api/inspections/publish', { ids: [id] }),
    onSuccess: () => {
      message.success(t('publication.published'));
      done();
    },
    onError: (e) => message.error(errorText(e, locale)),
  });
  if (detail.isError) return <QueryError error={detail.error} retry={() => detail.refetch()} />;
  if (!detail.data?.record) return <Loading />;
  const view = detail.data;
  const record = view.record!;
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to={back.to}>
          <ArrowLeftOutlined /> {back.label}
        </Link>
      </div>
      <PageHeader
        title={view.entity.name}
        subtitle={
          <Space size={[4, 4]} wrap>
            <StatusTag status={record.status} />
            <DeadlineTag deadline={record.deadline} />
            <span className="tp-code">{view.task.code}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {view.can.review && (
              <>
                <Popconfirm title={t('review.approveConfirm')} onConfirm={() => approve.mutate()}>
                  <Button type="primary" loading={approve.isPending} data-testid="approve">
                    {t('review.approve')}
                  </Button>
                </Popconfirm>
                <Button danger onClick={() => setReturning(true)} data-testid="return">
                  {t('review.return')}
                </Button>
              </>
            )}
            {view.can.publish && (
              <Button onClick={() => publish.mutate()} loading={publish.isPending} data-testid="publish">
                {t('publication.publish')}
              </Button>
            )}
          </Space>
        }
      />
      {record.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ready-for-publication"
          title={t('review.ready', { date: record.publishableBy ?? '—' })}
        />
      )}
      {record.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('insp.returned', { reason: record.returnReason })}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'id',
              label: t('entity.identifier'),
              children: <span className="tp-code">{view.entity.identifier}</span>,
            },
            { key: 'method', label: t('insp.task.method'), children: methodLabel(locale, record.method) },
            {
              key: 'team',
              label: t('insp.task.team'),
              children: view.team
                .filter((m) => m.orgId === view.orgId)
                .map((m) => (m.lead ? `★${m.name}` : m.name))
                .join('、'),
            },
            {
              key: 'time',
              label: t('insp.visit.title'),
              children: `${shortTime(record.start?.at)} – ${shortTime(record.end?.at)}`,
            },
            { key: 'codes', label: t('insp.result.codes'), children: <CodeTags codes={record.codes} /> },
            {
              key: 'disposition',
              label: t('insp.result.disposition'),
              children: [
                dispositionLabel(locale, record.disposition),
                record.correctionDueOn ? t('review.until', { date: record.correctionDueOn }) : '',
                record.followUpOrg?.name ?? '',
                record.dispositionNote,
              ]
                .filter(Boolean)
                .join(' · '),
            },
            { key: 'summary', label: t('insp.result.summary'), children: record.summary || '—' },
            {
              key: 'submitted',
              label: t('review.submitted'),
              children: record.submittedAt
                ? `${record.submittedBy ?? ''} · ${shortTime(record.submittedAt)}`
                : '—',
            },
          ]}
        />
        {record.followUps.length > 0 && (
          <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
            {record.followUps.map((f) => (
              <Tag key={f.id} color="purple">
                {f.code} {t(`fu.kind.${f.kind}`)} · {t(`fu.status.${f.status}`)}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <Tabs
        items={[
          {
            key: 'checklist',
            label: t('insp.tab.checklist'),
            children: (
              <ChecklistWalk
                checklists={view.checklists}
                findings={record.findings}
                editable={false}
                onMark={() => {}}
              />
            ),
          },
          {
            key: 'evidence',
            label: `${t('insp.tab.evidence')} ${record.evidence.length}`,
            children: <EvidenceList evidence={record.evidence} />,
          },
          { key: 'history', label: t('insp.tab.history'), children: <History record={record} /> },
        ]}
      />
      <FormModal
        open={returning}
        title={t('review.returnTitle')}
        okText={t('review.return')}
        form={form}
        submit={(values) =>
          api.post(`/api/inspections/${id}/return`, { version: record.version, reason: values.reason })
        }
        onSuccess={() => {
          message.success(t('review.returned'));
          done();
          navigate(back.to);
        }}
        onClose={() => setReturning(false)}
      >
        <Form.Item name="reason" label={t('review.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="return-reason-input" />
        </Form.Item>
      </FormModal>
    </>
  );
}

function ReviewQueue() {
  const { locale, t } = useLocale();
  const table = useTableState(['q', 'status'] as const);
  const status = STATUSES.find((s) => s === table.filters.status) ?? 'submitted';
  const rows = usePageQuery<InspectionRow>('/api/inspections', table, { q: table.filters.q, status });
  const columns: TableColumnsType<InspectionRow> = [
    {
      title: t('entity.name'),
      dataIndex: 'entityName',
      render: (name: string, r) => (
        <Link to={`/review/${r.id}`} data-testid="review-row">
          {name}
          <div className="tp-secondary">
            <span className="tp-code">{r.taskCode}</span> · {r.orgName}
          </div>
        </Link>
      ),
    },
    {
      title: t('insp.result.codes'),
      dataIndex: 'codes',
      render: (codes: string[]) => <CodeTags codes={codes} />,
    },
    {
      title: t('insp.task.method'),
      dataIndex: 'method',
      responsive: ['md'],
      render: (m: string) => methodLabel(locale, m),
    },
    { title: t('review.lead'), dataIndex: 'leadName', responsive: ['lg'] },
    {
      title: t('review.submitted'),
      dataIndex: 'submittedAt',
      responsive: ['md'],
      render: (at: string) => shortTime(at),
    },
    {
      title: t('insp.task.deadline'),
      dataIndex: 'deadline',
      responsive: ['md'],
      render: (_: unknown, r) => <DeadlineTag deadline={r.deadline} />,
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.review')} subtitle={t('review.subtitle')} />
      <PagedTable
        table={table}
        result={rows}
        columns={columns}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('review.search') }}
        selects={[
          {
            filter: 'status',
            placeholder: t('insp.status.submitted'),
            options: STATUSES.map((s) => ({ value: s, label: t(`insp.status.${s}`) })),
          },
        ]}
      />
    </>
  );
}

export default function ReviewPage() {
  const { t } = useLocale();
  const id = useParams()['*'];
  if (id) return <InspectionDetail id={id} back={{ to: '/review', label: t('nav.review') }} />;
  return <ReviewQueue />;
}
