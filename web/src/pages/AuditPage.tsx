// The audit chain: who changed what and when, newest first, and (for administrators) a check
// that no event has been edited, inserted or removed since it was written.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Descriptions, Modal, Result, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import type { AuditEvent, ChainReport } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { codeName, namedCodes, useLocale, useT } from '../i18n/index.tsx';

// Actions and subject types with a name in the dictionary; a later module that writes new events
// names them there ("audit.action.draw.committed"), and they appear in the filters by themselves.
const ACTIONS = namedCodes('audit.action.');
const SUBJECT_TYPES = namedCodes('audit.subject.');

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
  const { locale, t } = useLocale();
  if (report.problems.length === 0) {
    return (
      <Result
        status="success"
        title={t('audit.verifyOk')}
        subTitle={t('audit.verifyOkDetail', { count: report.events.toLocaleString(locale) })}
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('audit.verifyFailed', { count: report.problems.length })}
      subTitle={t('audit.verifyFailedDetail', { count: report.events.toLocaleString(locale) })}
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
  const events = usePageQuery<AuditEvent>('/api/audit', table, { action, subjectType, subjectId });

  // A read, but one the user starts and waits for (it recomputes every hash), so a mutation.
  const [reportOpen, setReportOpen] = useState(false);
  const verify = useMutation({
    mutationFn: () => api.get<ChainReport>('/api/audit/verify'),
    onSuccess: () => setReportOpen(true),
    onError: (error) => message.error(errorText(error, locale)),
  });

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, responsive: ['md'] },
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
      responsive: ['md'],
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
      <PagedTable
        table={table}
        result={events}
        columns={columns}
        rowKey="seq"
        search={{ filter: 'subjectId', placeholder: t('audit.subjectIdPlaceholder') }}
        selects={[
          {
            filter: 'action',
            placeholder: t('audit.allActions'),
            options: ACTIONS.map((code) => ({ value: code, label: codeName(t, 'audit.action.', code) })),
            searchable: true,
          },
          {
            filter: 'subjectType',
            placeholder: t('audit.allSubjects'),
            options: SUBJECT_TYPES.map((code) => ({
              value: code,
              label: codeName(t, 'audit.subject.', code),
            })),
          },
        ]}
        expandable={{ expandedRowRender: (event) => <EventDetail event={event} /> }}
      />
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
