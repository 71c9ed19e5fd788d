// 信用风险分类: the classes now, how the last full run moved them, the runs so far, and a button
// to classify every business now (its progress shown while it runs).
import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../../api/client.ts';
import { CREDIT_API, type CreditRun, type CreditSummary } from '../../api/credit.ts';
import { CREDIT_CLASSES } from '../../api/types.ts';
import { Chart } from '../../components/Chart.tsx';
import { creditClassName } from '../../components/CreditClass.tsx';
import { PagedTable, usePageQuery, useTableState } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { codeName, useLocale } from '../../i18n/index.tsx';
import { CREDIT_CLASS_COLORS } from '../../theme.ts';
import {
  count,
  distributionOption,
  MovementMatrix,
  percent,
  RunStatus,
  ringOption,
  totalOf,
} from './shared.tsx';

const SUMMARY = `${CREDIT_API}/summary`;
const RUNS = `${CREDIT_API}/runs`;
const isActive = (run: CreditRun) => run.status === 'queued' || run.status === 'running';

export default function CreditOverviewPage() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const summary = useQuery({ queryKey: [SUMMARY], queryFn: () => api.get<CreditSummary>(SUMMARY) });
  const table = useTableState([] as const);
  const runs = usePageQuery<CreditRun>(RUNS, table, { kind: 'full' });
  // A run under way (started here or elsewhere): its progress every two seconds, then the new
  // counts and the list of runs when it ends. Counting the classes reads every business, so the
  // summary itself is not polled.
  const [started, setStarted] = useState<string>();
  const runningId = started ?? summary.data?.running.find((r) => r.kind === 'full')?.id;
  const finish = (run: CreditRun) => {
    if (run.status === 'completed')
      message.success(t('credit.runDone', { changed: (run.changed ?? 0).toLocaleString(locale) }));
    else message.error(run.error ?? t('credit.status.failed'));
    setStarted(undefined);
    void queryClient.invalidateQueries({ queryKey: [SUMMARY] });
    void queryClient.invalidateQueries({ queryKey: [RUNS] });
  };
  const progress = useQuery({
    queryKey: [RUNS, runningId],
    queryFn: async () => {
      const run = await api.get<CreditRun>(`${RUNS}/${runningId}`);
      if (!isActive(run)) finish(run);
      return run;
    },
    enabled: Boolean(runningId),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data) ? false : 2000),
  });
  const running = progress.data && isActive(progress.data) ? progress.data : undefined;

  const start = useMutation({
    mutationFn: () => api.post<CreditRun>(RUNS, { kind: 'full' }),
    // Without a job system the run has finished by the time the answer comes.
    onSuccess: (run) => (isActive(run) ? setStarted(run.id) : finish(run)),
    onError: (error) => message.error(errorText(error, locale)),
  });

  const data = summary.data;
  const snapshot = data?.snapshot;
  const charts = useMemo(() => {
    if (!data) return undefined;
    return {
      ring: ringOption(t, locale, data.counts),
      moved: snapshot?.before_counts
        ? distributionOption(t, locale, [
            { name: t('credit.before'), counts: snapshot.before_counts, faded: true },
            { name: t('credit.after'), counts: snapshot.counts ?? {} },
          ])
        : undefined,
    };
  }, [data, snapshot, t, locale]);

  const columns: TableColumnsType<CreditRun> = [
    { title: t('credit.run.seq'), dataIndex: 'seq', width: 70 },
    {
      title: t('credit.run.finishedAt'),
      dataIndex: 'finished_at',
      render: (v: string | null, r) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : <RunStatus run={r} />),
    },
    {
      title: t('credit.modelVersion'),
      dataIndex: 'model_version',
      render: (v: number) => `v${v}`,
      responsive: ['md'],
    },
    {
      title: t('credit.run.trigger'),
      dataIndex: 'trigger',
      responsive: ['lg'],
      render: (v: string) => codeName(t, 'credit.trigger.', v),
    },
    ...CREDIT_CLASSES.map((c) => ({
      title: c,
      key: c,
      align: 'right' as const,
      responsive: ['md' as const],
      render: (_: unknown, r: CreditRun) => count(r.counts, c).toLocaleString(locale),
    })),
    {
      title: t('credit.run.changed'),
      dataIndex: 'changed',
      align: 'right',
      render: (v: number | null, r) =>
        r.status === 'completed' ? (
          <Link to={`/credit/changes?run=${r.id}`}>{(v ?? 0).toLocaleString(locale)}</Link>
        ) : (
          '—'
        ),
    },
    { title: t('credit.run.status'), key: 'status', render: (_, r) => <RunStatus run={r} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.group.credit')}
        subtitle={
          data &&
          (snapshot
            ? t('credit.subtitle', {
                version: data.model.version,
                date: dayjs(snapshot.finished_at).format('YYYY-MM-DD HH:mm'),
              })
            : t('credit.noSnapshot', { version: data.model.version }))
        }
        extra={
          <Space>
            {running && <RunStatus run={running} />}
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={start.isPending || Boolean(running)}
              onClick={() => start.mutate()}
              data-testid="credit-run-now"
            >
              {t('credit.runNow')}
            </Button>
          </Space>
        }
      />
      {summary.isError && <QueryError error={summary.error} retry={() => summary.refetch()} />}
      {data && charts && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {CREDIT_CLASSES.map((c) => (
            <Col key={c} xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={creditClassName(t, c)}
                  value={count(data.counts, c)}
                  valueStyle={{ color: CREDIT_CLASS_COLORS[c] }}
                  formatter={() => (
                    <span data-testid={`credit-count-${c}`} data-value={count(data.counts, c)}>
                      {count(data.counts, c).toLocaleString(locale)}
                    </span>
                  )}
                  suffix={
                    <span className="tp-secondary" style={{ fontSize: 13 }}>
                      {percent(count(data.counts, c), totalOf(data.counts), locale)}
                    </span>
                  }
                />
              </Card>
            </Col>
          ))}
          <Col xs={24} lg={9}>
            <Card size="small" title={t('credit.distribution')} style={{ height: '100%' }}>
              <Chart option={charts.ring} height={300} label={t('credit.distribution')} />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card
              size="small"
              title={t('credit.movement')}
              style={{ height: '100%' }}
              extra={snapshot && <Link to="/credit/changes">{t('credit.changedList')}</Link>}
            >
              {snapshot?.movement && charts.moved ? (
                <>
                  <Chart option={charts.moved} height={220} label={t('credit.movement')} />
                  <MovementMatrix movement={snapshot.movement} />
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credit.noSnapshotShort')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <Typography.Title level={5}>{t('credit.runs')}</Typography.Title>
      <PagedTable table={table} result={runs} columns={columns} rowKey="id" />
    </>
  );
}
