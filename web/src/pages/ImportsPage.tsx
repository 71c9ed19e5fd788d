// 数据导入 — the spreadsheets governments have, into the registers: upload, check and fix how the
// file's columns map to fields, a dry run that shows what would change and why rows are rejected,
// then the import itself as a background job with a progress bar, and the rejected rows to download.
import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  type TableColumnsType,
  Tag,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import {
  IMPORT_KINDS,
  type ImportField,
  type ImportIssue,
  type ImportJob,
  type ImportKind,
  type ImportStatus,
} from '../api/registers.ts';
import type { Page } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { usePhone } from '../components/usePhone.ts';
import { type Translate, useLocale } from '../i18n/index.tsx';
import { IMPORTS } from './registers/shared.ts';

/** Who may import into which register (MAY_IMPORT in src/modules/imports/routes.ts). */
const MAY_IMPORT: Record<ImportKind, readonly string[]> = {
  entities: ['admin', 'dept_admin'],
  inspectors: ['admin', 'dept_admin'],
  items: ['admin', 'dept_admin', 'coordinator'],
  joint_items: ['admin', 'dept_admin', 'coordinator'],
};
const IGNORE = '-';

const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'default',
  queued: 'processing',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

const active = (job: ImportJob) => job.status === 'queued' || job.status === 'running';

function statusTag(t: Translate, job: ImportJob) {
  const key =
    job.status === 'done' && job.dry_run ? 'import.status.dryDone' : (`import.status.${job.status}` as const);
  return <Tag color={STATUS_COLORS[job.status]}>{t(key)}</Tag>;
}

// --- Upload --------------------------------------------------------------------------------

function UploadStep() {
  const { locale, t } = useLocale();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const kinds = IMPORT_KINDS.filter((k) => MAY_IMPORT[k].includes(user.role));
  const [kind, setKind] = useState<ImportKind>(kinds[0]);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [busy, setBusy] = useState(false);
  const forItems = kind === 'items' || kind === 'joint_items';

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const { job } = await api.upload<{ job: ImportJob }>(IMPORTS, file, {
        kind,
        year: forItems ? year : undefined,
      });
      navigate(`/imports/${job.id}`);
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="tp-panel" title={t('import.newTitle')}>
      <Form layout="vertical">
        <Form.Item label={t('import.kind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={kinds.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))}
            data-testid="import-kind"
          />
        </Form.Item>
        {forItems && (
          <Form.Item label={t('import.year')} extra={t('import.yearHint')}>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          </Form.Item>
        )}
        <Upload.Dragger
          accept=".xlsx,.xls,.xlsm,.csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('import.uploading') : t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.formats')}</p>
        </Upload.Dragger>
      </Form>
    </Card>
  );
}

function History() {
  const { locale, t } = useLocale();
  const navigate = useNavigate();
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const jobs = useQuery({
    queryKey: [IMPORTS, 'list', page],
    queryFn: () => api.get<Page<ImportJob>>(IMPORTS, { page, pageSize: 10 }),
  });
  const columns: TableColumnsType<ImportJob> = [
    {
      title: t('import.file'),
      dataIndex: 'file_name',
      render: (name: string, job) => (
        <>
          <div>{name}</div>
          <div className="tp-secondary">
            {t(`import.kind.${job.kind}`)} · {dayjs(job.created_at).format('YYYY-MM-DD HH:mm')}
          </div>
        </>
      ),
    },
    { title: t('import.statusLabel'), key: 'status', render: (_, job) => statusTag(t, job) },
    {
      title: t('import.result'),
      key: 'counts',
      responsive: ['md'],
      render: (_, job) =>
        job.status === 'done'
          ? t('import.countsLine', {
              inserted: job.inserted.toLocaleString(locale),
              updated: job.updated.toLocaleString(locale),
              rejected: job.rejected.toLocaleString(locale),
              warnings: job.warnings.toLocaleString(locale),
            })
          : (job.error ?? '—'),
    },
    { title: t('import.org'), dataIndex: 'org_name', responsive: ['lg'] },
  ];
  return (
    <Card className="tp-panel" title={t('import.history')} style={{ marginTop: 16 }}>
      {jobs.isError && <QueryError error={jobs.error} retry={() => jobs.refetch()} />}
      <div className="tp-clickable-rows">
        <Table<ImportJob>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={jobs.data?.rows}
          loading={jobs.isFetching}
          scroll={phone ? undefined : { x: 'max-content' }}
          onRow={(job) => ({ onClick: () => navigate(`/imports/${job.id}`) })}
          pagination={{ current: page, pageSize: 10, total: jobs.data?.total, onChange: setPage }}
        />
      </div>
    </Card>
  );
}

// --- One job: mapping, dry run, run, result ------------------------------------------------

function MappingEditor({
  job,
  fields,
  onChanged,
}: {
  job: ImportJob;
  fields: ImportField[];
  onChanged: () => void;
}) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const phone = usePhone();
  const detection = job.mapping.detection;
  const [busy, setBusy] = useState(false);
  // The field each column feeds, as edited here; applied, it is sent as overrides and the file is read again.
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [manual, setManual] = useState('');

  const labelOf = (field: string) => fields.find((f) => f.field === field)?.label ?? field;
  const options = [
    { value: IGNORE, label: t('import.ignore') },
    ...fields.map((f) => ({
      value: f.field,
      label: `${f.label}${f.required ? ` · ${t('import.required')}` : f.oneOf ? ` · ${t('import.oneOf')}` : ''}`,
    })),
  ];

  const apply = async (overrides: Record<string, string>) => {
    setBusy(true);
    try {
      await api.post(`${IMPORTS}/${job.id}/mapping`, { map: overrides });
      message.success(t('import.mappingApplied'));
      onChanged();
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const applyChoices = () => {
    const overrides: Record<string, string> = { ...job.mapping.overrides };
    for (const [header, field] of Object.entries(choice))
      overrides[header] = field === IGNORE ? IGNORE : labelOf(field);
    return apply(overrides);
  };
  const applyManual = () => {
    const overrides: Record<string, string> = { ...job.mapping.overrides };
    for (const line of manual.split('\n')) {
      const at = line.lastIndexOf('=');
      if (at > 0) overrides[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return apply(overrides);
  };

  if (!detection) {
    return (
      <Card className="tp-panel" title={t('import.step.mapping')}>
        <p>{t('import.noHeaderHelp')}</p>
        <Input.TextArea
          rows={4}
          placeholder="TYXYDM=统一社会信用代码"
          value={manual}
          onChange={(e) => setManual(e.target.value)}
        />
        <Button style={{ marginTop: 12 }} onClick={applyManual} loading={busy}>
          {t('import.applyMapping')}
        </Button>
      </Card>
    );
  }

  const rows = detection.columns.map((column) => ({
    ...column,
    shown: choice[column.header] ?? column.field ?? IGNORE,
    samples: detection.samples
      .map((sample) => sample[column.index])
      .filter(Boolean)
      .slice(0, 3),
  }));
  const edited = Object.keys(choice).length > 0;

  return (
    <Card
      className="tp-panel"
      title={t('import.step.mapping')}
      extra={
        <span className="tp-secondary">
          {t('import.headerAt', { sheet: detection.sheet, lines: detection.headerLines.join('、') })}
        </span>
      }
    >
      {detection.missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('import.missing', { labels: detection.missing.map((m) => m.label).join('、') })}
          data-testid="mapping-missing"
        />
      )}
      <Table
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={phone ? undefined : { x: 'max-content' }}
        columns={[
          { title: t('import.fileHeader'), dataIndex: 'header', render: (h: string) => <strong>{h}</strong> },
          {
            title: t('import.field'),
            key: 'field',
            render: (_, row) => (
              <Select
                style={{ minWidth: 200 }}
                value={row.shown}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(value: string) => setChoice((c) => ({ ...c, [row.header]: value }))}
                data-testid={`map-${row.header}`}
              />
            ),
          },
          {
            title: t('import.samples'),
            key: 'samples',
            responsive: ['md'],
            render: (_, row) => <span className="tp-sample">{row.samples.join(' ｜ ') || '—'}</span>,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button onClick={applyChoices} disabled={!edited} loading={busy} data-testid="mapping-apply">
          {t('import.applyMapping')}
        </Button>
        {Object.keys(job.mapping.overrides).length > 0 && (
          <Button onClick={() => apply({})} loading={busy}>
            {t('import.resetMapping')}
          </Button>
        )}
        {edited && <span className="tp-secondary">{t('import.mappingPending')}</span>}
      </Space>
    </Card>
  );
}

function Counts({ job }: { job: ImportJob }) {
  const { locale, t } = useLocale();
  const n = (v: number) => v.toLocaleString(locale);
  return (
    <Row gutter={[16, 16]} data-testid="import-counts">
      {(
        [
          ['rows', job.processed_rows],
          ['inserted', job.inserted],
          ['updated', job.updated],
          ['unchanged', job.unchanged],
          ['rejected', job.rejected],
          ['warnings', job.warnings],
        ] as const
      ).map(([key, value]) => (
        <Col xs={12} sm={8} md={4} key={key}>
          <Statistic
            title={t(`import.count.${key}`)}
            value={n(value)}
            data-testid={`count-${key}`}
            data-value={value}
          />
        </Col>
      ))}
    </Row>
  );
}

function Issues({ job, pageSize = 10 }: { job: ImportJob; pageSize?: number }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const phone = usePhone();
  const [severity, setSeverity] = useState<'error' | 'warning' | undefined>();
  const [page, setPage] = useState(1);
  const issues = useQuery({
    queryKey: [IMPORTS, job.id, 'issues', job.finished_at, severity, page, pageSize],
    queryFn: () => api.get<Page<ImportIssue>>(`${IMPORTS}/${job.id}/issues`, { severity, page, pageSize }),
  });
  const download = (format: 'xlsx' | 'csv') =>
    api
      .download(`${IMPORTS}/${job.id}/rejected`, { format }, `rejected.${format}`)
      .catch((error) => message.error(errorText(error, locale)));
  if (!job.rejected && !job.warnings) return <Alert type="success" showIcon title={t('import.noIssues')} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          placeholder={t('import.allIssues')}
          allowClear
          value={severity}
          onChange={(v) => {
            setSeverity(v);
            setPage(1);
          }}
          options={[
            { value: 'error', label: t('import.severity.error') },
            { value: 'warning', label: t('import.severity.warning') },
          ]}
          style={{ width: 160 }}
        />
        {job.rejected > 0 && (
          <>
            <Button onClick={() => download('xlsx')} data-testid="download-rejected">
              {t('import.downloadRejected')}
            </Button>
            <Button onClick={() => download('csv')}>{t('import.downloadRejectedCsv')}</Button>
          </>
        )}
      </Space>
      <Table<ImportIssue>
        size="small"
        rowKey={(r) => `${r.line}-${r.severity}-${r.field}-${r.reason}`}
        dataSource={issues.data?.rows}
        loading={issues.isFetching}
        // Reasons are long sentences: they wrap rather than widen the table.
        scroll={phone ? undefined : { x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: issues.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="import-issues"
        columns={[
          { title: t('import.issue.line'), dataIndex: 'line', width: 72 },
          {
            title: t('import.issue.severity'),
            dataIndex: 'severity',
            render: (s: 'error' | 'warning') => (
              <Tag color={s === 'error' ? 'error' : 'warning'}>{t(`import.severity.${s}`)}</Tag>
            ),
          },
          { title: t('import.issue.column'), dataIndex: 'column_name', responsive: ['md'] },
          {
            title: t('import.issue.value'),
            dataIndex: 'value',
            responsive: ['md'],
            render: (v: string | null) => <span className="tp-code">{v || '—'}</span>,
          },
          { title: t('import.issue.reason'), dataIndex: 'reason' },
        ]}
      />
    </>
  );
}

function JobView() {
  const { id } = useParams();
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const job = useQuery({
    queryKey: [IMPORTS, id],
    queryFn: () => api.get<ImportJob>(`${IMPORTS}/${id}`),
    refetchInterval: (query) => (query.state.data && active(query.state.data) ? 1000 : false),
  });
  const fields = useQuery({
    queryKey: [IMPORTS, 'fields', job.data?.kind],
    queryFn: () => api.get<ImportField[]>(`${IMPORTS}/fields`, { kind: job.data?.kind }),
    enabled: Boolean(job.data),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [starting, setStarting] = useState(false);
  const j = job.data;
  const step = useMemo(() => {
    if (!j) return 0;
    if (j.status === 'done' && !j.dry_run) return 4;
    if (active(j)) return j.dry_run ? 2 : 3;
    if (j.status === 'done' && j.dry_run) return 2;
    return 1;
  }, [j]);

  if (job.isError) return <QueryError error={job.error} retry={() => job.refetch()} />;
  if (!j) return null;

  const run = async (dryRun: boolean) => {
    setStarting(true);
    try {
      await api.post(`${IMPORTS}/${j.id}/run`, { dryRun });
      await job.refetch();
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setStarting(false);
    }
  };
  const finishedReal = j.status === 'done' && !j.dry_run;
  const missing = (j.mapping.detection?.missing.length ?? 1) > 0;
  const percent = j.total_rows ? Math.min(99, Math.floor((j.processed_rows / j.total_rows) * 100)) : 0;

  return (
    <>
      <PageHeader
        title={j.file_name}
        subtitle={
          <>
            {t(`import.kind.${j.kind}`)}
            {j.year && (j.kind === 'items' || j.kind === 'joint_items')
              ? ` · ${t('item.yearLabel', { year: j.year })}`
              : ''}{' '}
            · {statusTag(t, j)}
          </>
        }
        extra={<Button onClick={() => navigate('/imports')}>{t('import.another')}</Button>}
      />
      <Steps
        className="tp-import-steps"
        size="small"
        current={step}
        items={[
          { title: t('import.step.upload') },
          { title: t('import.step.mapping') },
          { title: t('import.step.preview') },
          { title: t('import.step.run') },
          { title: t('import.step.result') },
        ]}
      />
      {j.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={j.error ?? t('import.status.failed')}
          style={{ marginBottom: 16 }}
        />
      )}
      {active(j) && (
        <Card className="tp-panel" style={{ marginBottom: 16 }}>
          <p>{j.dry_run ? t('import.dryRunning') : t('import.running')}</p>
          <Progress percent={percent} status="active" data-testid="import-progress" />
          <p className="tp-secondary">
            {t('import.progress', {
              processed: j.processed_rows.toLocaleString(locale),
              total: j.total_rows ? j.total_rows.toLocaleString(locale) : '…',
            })}
          </p>
        </Card>
      )}
      {!finishedReal && !active(j) && fields.data && (
        <>
          {/* A new mapping from the server starts the editor afresh. */}
          <MappingEditor
            key={JSON.stringify(j.mapping)}
            job={j}
            fields={fields.data}
            onChanged={() => job.refetch()}
          />
          <Card className="tp-panel" style={{ marginTop: 16 }}>
            {j.status === 'done' && j.dry_run && (
              <>
                <Alert type="info" showIcon title={t('import.dryDone')} style={{ marginBottom: 16 }} />
                <Counts job={j} />
                <div style={{ marginTop: 16 }}>
                  <Issues job={j} />
                </div>
              </>
            )}
            <Space wrap style={{ marginTop: 16 }}>
              <Button
                onClick={() => run(true)}
                loading={starting}
                disabled={missing}
                data-testid="import-dry-run"
              >
                {t('import.dryRun')}
              </Button>
              <Button
                type="primary"
                onClick={() => run(false)}
                loading={starting}
                disabled={missing}
                data-testid="import-run"
              >
                {t('import.run')}
              </Button>
              <span className="tp-secondary">{t('import.runNote')}</span>
            </Space>
          </Card>
        </>
      )}
      {finishedReal && (
        <Card className="tp-panel" title={t('import.done')} data-testid="import-result">
          <Counts job={j} />
          <div style={{ marginTop: 16 }}>
            <Issues job={j} pageSize={20} />
          </div>
        </Card>
      )}
    </>
  );
}

export default function ImportsPage() {
  const t = useLocale().t;
  return (
    <Routes>
      <Route
        index
        element={
          <>
            <PageHeader title={t('nav.imports')} subtitle={t('import.subtitle')} />
            <UploadStep />
            <History />
          </>
        }
      />
      <Route path=":id" element={<JobView />} />
    </Routes>
  );
}
