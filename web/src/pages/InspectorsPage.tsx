// 检查人员 — the inspector directory of the user's organisation and below: certificates about to
// expire or expired are flagged, ID-card numbers appear only for the department's administrators.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Select, type TableColumnsType, Tag, Tooltip } from 'antd';
import { lazy, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import {
  CERT_STATES,
  type CertState,
  INSPECTOR_STATUSES,
  type InspectorRow,
  type InspectorStatus,
} from '../api/registers.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { type Translate, useLocale } from '../i18n/index.tsx';
import { InspectorFormModal } from './registers/InspectorFormModal.tsx';
import { INSPECTORS, useQualifications } from './registers/shared.ts';

const InspectorDetailPage = lazy(() => import('./registers/InspectorDetailPage.tsx'));

const STATUS_COLORS: Record<InspectorStatus, string | undefined> = {
  on_duty: 'success',
  on_leave: 'processing',
  suspended: undefined,
};
const CERT_COLORS: Record<CertState, string | undefined> = {
  expired: 'error',
  expiring: 'warning',
  valid: undefined,
  none: 'default',
};

/** The certificate's expiry with its flag: expired, expiring within 60 days. */
export function CertExpiry({ inspector, t }: { inspector: InspectorRow; t: Translate }) {
  const { cert_state: state, days_to_expiry: days } = inspector;
  const tip =
    state === 'expired'
      ? t('inspector.expiredDays', { days: -(days ?? 0) })
      : state === 'expiring'
        ? t('inspector.daysLeft', { days: days ?? 0 })
        : undefined;
  return (
    <span data-testid="cert-expiry" data-state={state}>
      {inspector.cert_expires_on ?? t('inspector.certNone')}{' '}
      {state !== 'valid' && state !== 'none' && (
        <Tooltip title={tip}>
          <Tag color={CERT_COLORS[state]}>{t(`inspector.cert.${state}`)}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

export const statusTag = (t: Translate, status: InspectorStatus) => (
  <Tag color={STATUS_COLORS[status]}>{t(`inspector.status.${status}`)}</Tag>
);

const FILTERS = ['q', 'status', 'cert', 'qualification', 'expert', 'leader'] as const;

function InspectorList() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const table = useTableState(FILTERS);
  const f = table.filters;
  const [creating, setCreating] = useState(false);
  const mayWrite = user.role === 'admin' || user.role === 'dept_admin';
  const query = {
    q: f.q,
    status: INSPECTOR_STATUSES.find((s) => s === f.status),
    cert: CERT_STATES.find((c) => c === f.cert),
    qualification: f.qualification,
    expert: f.expert === 'true' ? 'true' : undefined,
    leader: f.leader === 'true' ? 'true' : undefined,
  };
  const inspectors = usePageQuery<InspectorRow>(INSPECTORS, table, query);
  const qualifications = useQualifications();
  const showIdCard = inspectors.data?.rows.some((r) => 'id_card' in r);

  const columns: TableColumnsType<InspectorRow> = [
    {
      title: t('inspector.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <>
          <div>
            {name} {r.is_expert && <Tag color="purple">{t('inspector.expert')}</Tag>}
            {r.is_leader && <Tag color="geekblue">{t('inspector.leader')}</Tag>}
          </div>
          {phone && (
            <>
              <div className="tp-code tp-secondary">{r.cert_no}</div>
              <CertExpiry inspector={r} t={t} />
            </>
          )}
        </>
      ),
    },
    {
      title: t('inspector.certNo'),
      dataIndex: 'cert_no',
      responsive: ['md'],
      render: (v: string) => <span className="tp-code">{v}</span>,
    },
    {
      title: t('inspector.certExpiresOn'),
      dataIndex: 'cert_expires_on',
      responsive: ['md'],
      render: (_, r) => <CertExpiry inspector={r} t={t} />,
    },
    {
      title: t('inspector.org'),
      dataIndex: 'org_name',
      responsive: ['lg'],
      render: (org: string, r) => (r.office_name ? `${org} / ${r.office_name}` : org),
    },
    {
      title: t('inspector.qualifications'),
      dataIndex: 'qualifications',
      responsive: ['lg'],
      render: (q: string[]) => q.join('、') || '—',
    },
    { title: t('inspector.status'), dataIndex: 'status', render: (s: InspectorStatus) => statusTag(t, s) },
    ...(showIdCard
      ? [
          {
            title: t('inspector.idCard'),
            dataIndex: 'id_card',
            responsive: ['xl' as const],
            render: (v: string | null) => <span className="tp-code">{v ?? '—'}</span>,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.inspectors')}
        subtitle={
          inspectors.data && t('inspector.count', { count: inspectors.data.total.toLocaleString(locale) })
        }
        extra={
          <>
            <ExportButton path={`${INSPECTORS}/export`} query={query} fileName={t('nav.inspectors')} />
            {mayWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('inspector.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="tp-clickable-rows">
        <PagedTable
          table={table}
          result={inspectors}
          columns={columns}
          rowKey="id"
          search={{ filter: 'q', placeholder: t('inspector.searchPlaceholder') }}
          onRow={(r) => ({ onClick: () => navigate(`/inspectors/${r.id}`) })}
          selects={[
            {
              filter: 'cert',
              placeholder: t('inspector.allCerts'),
              options: CERT_STATES.map((c) => ({ value: c, label: t(`inspector.cert.${c}`) })),
            },
            {
              filter: 'status',
              placeholder: t('inspector.allStatuses'),
              options: INSPECTOR_STATUSES.map((s) => ({ value: s, label: t(`inspector.status.${s}`) })),
            },
            {
              filter: 'qualification',
              placeholder: t('inspector.allQualifications'),
              searchable: true,
              options: qualifications.map((q) => ({ value: q, label: q })),
            },
          ]}
          toolbarExtra={
            <Select
              placeholder={t('inspector.allRoles')}
              allowClear
              value={query.expert ? 'expert' : query.leader ? 'leader' : undefined}
              onChange={(v: string | undefined) =>
                table.setFilters({
                  expert: v === 'expert' ? 'true' : undefined,
                  leader: v === 'leader' ? 'true' : undefined,
                })
              }
              options={[
                { value: 'expert', label: t('inspector.expert') },
                { value: 'leader', label: t('inspector.leader') },
              ]}
            />
          }
        />
      </div>
      <InspectorFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          queryClient.invalidateQueries({ queryKey: [INSPECTORS] });
          if (id) navigate(`/inspectors/${id}`);
        }}
      />
    </>
  );
}

export default function InspectorsPage() {
  return (
    <Routes>
      <Route index element={<InspectorList />} />
      <Route path=":id" element={<InspectorDetailPage />} />
    </Routes>
  );
}
