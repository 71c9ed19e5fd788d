// The audit chain: who changed what and when, newest first, and (for administrators) a check
// that no event has been edited, inserted or removed since it was written.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Result,
  Select,
  Table,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import type { AuditEvent, ChainReport, Page } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useTableState } from '../components/useTableState.ts';
import { type MessageKey, type Translate, useLocale, useT } from '../i18n/index.tsx';
import { zh } from '../i18n/zh.ts';

const isMessageKey = (key: string): key is MessageKey => key in zh;

/**
 * Codes with a name in the dictionary under `prefix` ("audit.action." + "user.created"). A later
 * module that writes new events names them there, and they appear in the filters by themselves.
 */
const namedCodes = (prefix: string) =>
  Object.keys(zh)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
const ACTIONS = namedCodes('audit.action.');
const SUBJECT_TYPES = namedCodes('audit.subject.');

/** The name of a code, or the code itself when it has none yet. */
function codeName(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : code;
}

const json = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

function EventDetail({ event }: { event: AuditEvent }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'subject', label: t('audit.subjectId'), children: event.subject_id ?? '—' },
        {
          key: 'before',
          label: t('audit.before'),
          children: <pre className="tp-json">{json(event.before)}</pre>,
        },
        {
          key: 'after',
          label: t('audit.after'),
          children: <pre className="tp-json">{json(event.after)}</pre>,
        },
        { key: 'hash', label: t('audit.hash'), children: <code className="tp-hash">{event.hash}</code> },
        {
          key: 'prev',
          label: t('audit.prevHash'),
          children: <code className="tp-hash">{event.prev_hash}</code>,
        },
      ]}
    />
  );
}

function ChainResult({ report }: { report: ChainReport }) {
  const t = useT();
  if (report.problems.length === 0) {
    return (
      <Result
        status="success"
        title={t('audit.verifyOk')}
        subTitle={t('audit.verifyOkDetail', { count: report.events.toLocaleString() })}
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('audit.verifyFailed', { count: report.problems.length })}
      subTitle={t('audit.verifyFailedDetail', { count: report.events.toLocaleString() })}
    >
      <ol className="tp-problems">
        {report.problems.map((problem) => (
          <li key={`${problem.seq}-${problem.kind}`}>
            <strong>
              {t('audit.problemAt', { seq: problem.seq })} {codeName(t, 'audit.problem.', problem.kind)}
            </strong>
            <div className="tp-secondary">{problem.detail}</div>
          </li>
        ))}
      </ol>
    </Result>
  );
}

export default function AuditPage() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const table = useTableState(['action', 'subjectType', 'subjectId'] as const);
  const { action, subjectType, subjectId } = table.filters;
  const query = { action, subjectType, subjectId, page: table.page, pageSize: table.pageSize };

  const events = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Page<AuditEvent>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });

  // A read, but one the user starts and waits for (it recomputes every hash), so a mutation.
  const [reportOpen, setReportOpen] = useState(false);
  const verify = useMutation({
    mutationFn: () => api.get<ChainReport>('/api/audit/verify'),
    onSuccess: () => setReportOpen(true),
    onError: (error) => message.error(errorText(error, locale)),
  });

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: t('audit.actor'), dataIndex: 'actor' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (code: string) => codeName(t, 'audit.action.', code),
    },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_, event) => codeName(t, 'audit.subject.', event.subject_type),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          user.role === 'admin' && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          )
        }
      />
      <Card className="tp-panel">
        <div className="tp-toolbar">
          <Select
            placeholder={t('audit.allActions')}
            value={action}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(value: string | undefined) => table.setFilters({ action: value })}
            options={ACTIONS.map((code) => ({ value: code, label: codeName(t, 'audit.action.', code) }))}
          />
          <Select
            placeholder={t('audit.allSubjects')}
            value={subjectType}
            allowClear
            onChange={(value: string | undefined) => table.setFilters({ subjectType: value })}
            options={SUBJECT_TYPES.map((code) => ({
              value: code,
              label: codeName(t, 'audit.subject.', code),
            }))}
          />
          <Input.Search
            placeholder={t('audit.subjectIdPlaceholder')}
            defaultValue={subjectId}
            allowClear
            onSearch={(value) => table.setFilters({ subjectId: value.trim() || undefined })}
            className="tp-toolbar-wide"
          />
        </div>
        {events.isError && <QueryError error={events.error} retry={() => events.refetch()} />}
        <Table<AuditEvent>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={events.data?.rows}
          loading={events.isFetching}
          pagination={table.pagination(events.data?.total)}
          expandable={{ expandedRowRender: (event) => <EventDetail event={event} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal
        open={reportOpen}
        title={t('audit.verify')}
        onCancel={() => setReportOpen(false)}
        footer={<Button onClick={() => setReportOpen(false)}>{t('common.close')}</Button>}
        width={720}
      >
        {verify.data && <ChainResult report={verify.data} />}
      </Modal>
    </>
  );
}
