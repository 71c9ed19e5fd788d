// 待公示: the department's records not yet published, by their publication deadline on the working-day
// calendar (20 working days after the end of the inspection unless set otherwise), reminders raised,
// overdue ones first to see; approved ones can be marked as published. /publication/<id> is a record.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import type { InspectionRow } from '../api/inspections.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { CodeTags, DeadlineTag, StatusTag } from '../inspections/parts.tsx';
import { InspectionDetail } from './ReviewPage.tsx';

function DueList() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const phone = usePhone();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const table = useTableState(['q'] as const);
  const rows = usePageQuery<InspectionRow>('/api/inspections/due', table, { q: table.filters.q });
  const settings = useQuery({
    queryKey: ['/api/settings/deadlines'],
    queryFn: () =>
      api.get<{ publicationWorkingDays: number; reminderWorkingDays: number }>('/api/settings/deadlines'),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const canPublish = user.role === 'reviewer' || user.role === 'dept_admin';
  const publish = useMutation({
    mutationFn: () => api.post('/api/inspections/publish', { ids: selected }),
    onSuccess: () => {
      message.success(t('publication.published'));
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: ['/api/inspections/due'] });
    },
    onError: (e) => message.error(errorText(e, locale)),
  });
  const state = (r: InspectionRow) => (
    <Space size={[4, 4]} wrap>
      <StatusTag status={r.status} />
      <DeadlineTag deadline={r.deadline} />
      {r.reminded && <Tag color="orange">{t('publication.reminded')}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<InspectionRow> = [
    {
      title: t('entity.name'),
      dataIndex: 'entityName',
      render: (name: string, r) => (
        <Link to={`/publication/${r.id}`} data-testid="due-row" data-status={r.status}>
          {name}
          <div className="tp-secondary">
            <span className="tp-code">{r.taskCode}</span> · {r.orgName} · {r.endedOn ?? '—'}
          </div>
          {phone && <div style={{ marginTop: 4 }}>{state(r)}</div>}
        </Link>
      ),
    },
    {
      title: t('publication.deadline'),
      dataIndex: 'deadline',
      responsive: ['md'],
      render: (_: unknown, r) => state(r),
    },
    {
      title: t('insp.result.codes'),
      dataIndex: 'codes',
      responsive: ['md'],
      render: (codes: string[]) => <CodeTags codes={codes} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.publication')}
        subtitle={
          settings.data
            ? t('publication.subtitle', {
                days: settings.data.publicationWorkingDays,
                remind: settings.data.reminderWorkingDays,
              })
            : undefined
        }
        extra={
          canPublish && (
            <Button
              type="primary"
              disabled={!selected.length}
              loading={publish.isPending}
              onClick={() => publish.mutate()}
            >
              {t('publication.publishSelected', { count: selected.length })}
            </Button>
          )
        }
      />
      <Alert type="info" showIcon title={t('publication.note')} style={{ marginBottom: 12 }} />
      <PagedTable
        table={table}
        result={rows}
        columns={columns}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('review.search') }}
        rowSelection={
          canPublish
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r: InspectionRow) => ({ disabled: r.status !== 'approved' }),
              }
            : undefined
        }
      />
    </>
  );
}

export default function PublicationPage() {
  const { t } = useLocale();
  const id = useParams()['*'];
  if (id) return <InspectionDetail id={id} back={{ to: '/publication', label: t('nav.publication') }} />;
  return <DueList />;
}
