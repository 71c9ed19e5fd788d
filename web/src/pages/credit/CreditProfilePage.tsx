// A business's credit profile: why it is in its class (each factor's points, weight and
// contribution under the model version that classified it), its classes over time, and the events
// behind them. Reached from the changed-class list and the business pages (/credit/entities/:id).

import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { METRIC_SPECS, type ScoreRule } from '../../../../src/core/credit/model.ts';
import { api } from '../../api/client.ts';
import {
  type Classification,
  CREDIT_API,
  type CreditEvent,
  type CreditProfile,
  type Factor,
} from '../../api/credit.ts';
import { useCurrentUser } from '../../auth/session.tsx';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { CreditClassTag } from '../../components/CreditClass.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { codeName, type Locale, type Translate, useLocale } from '../../i18n/index.tsx';
import { CREDIT_CLASS_COLORS, PRIMARY_COLOR } from '../../theme.ts';
import { EventFormModal } from './EventFormModal.tsx';

/** Which band (or category) of a rule gave these points, in words: "≥ 1 且 < 3". */
export function firedBy(rule: ScoreRule, points: number, t: Translate): string {
  switch (rule.kind) {
    case 'bands': {
      const bands = rule.points.flatMap((p, i) => {
        if (p !== points) return [];
        const lo = i === 0 ? undefined : rule.edges[i - 1];
        const hi = rule.edges[i];
        if (lo === undefined) return [`< ${hi}`];
        if (hi === undefined) return [`≥ ${lo}`];
        return [`${lo} – ${hi}`];
      });
      return bands.join(t('credit.or'));
    }
    case 'linear':
      return t('credit.linear', { per: rule.per, cap: rule.cap });
    case 'match': {
      const kinds = Object.entries(rule.points)
        .filter(([, p]) => p === points)
        .map(([k]) => t(`entity.kind.${k as 'enterprise'}`));
      return kinds.length ? kinds.join(t('credit.or')) : t('credit.otherwise');
    }
    case 'prefix': {
      const codes = rule.prefixes.filter((p) => p.points === points).map((p) => p.prefix);
      return codes.length ? codes.slice(0, 6).join(', ') : t('credit.otherwise');
    }
  }
}

function contributionsOption(factors: Factor[], locale: Locale): ChartOption {
  const shown = factors.filter((f) => f.contribution > 0).sort((a, b) => a.contribution - b.contribution);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3 },
    yAxis: { type: 'category', data: shown.map((f) => f.name), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: shown.map((f) => f.contribution),
        barMaxWidth: 20,
        itemStyle: { color: PRIMARY_COLOR },
        label: {
          show: true,
          position: 'right',
          formatter: ({ value }) => Number(value).toLocaleString(locale),
        },
      },
    ],
  };
}

/** Scores over time, each bar in the colour of the class it gave. */
function historyOption(history: Classification[]): ChartOption {
  const ordered = [...history].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: ordered.map((h) => dayjs(h.finishedAt).format('YYYY-MM-DD HH:mm')),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: ordered.map((h) => ({
          value: h.score,
          itemStyle: { color: CREDIT_CLASS_COLORS[h.class] },
          label: { show: true, position: 'top', formatter: h.class },
        })),
      },
    ],
  };
}

export default function CreditProfilePage() {
  const { id } = useParams();
  const { locale, t } = useLocale();
  const user = useCurrentUser();
  const [recording, setRecording] = useState(false);
  const profile = useQuery({
    queryKey: [`${CREDIT_API}/entities`, id],
    queryFn: () => api.get<CreditProfile>(`${CREDIT_API}/entities/${id}`),
  });
  const data = profile.data;
  const charts = useMemo(
    () =>
      data && {
        factors: data.latest ? contributionsOption(data.latest.factors, locale) : undefined,
        history: data.history.length ? historyOption(data.history) : undefined,
      },
    [data, locale],
  );
  const mayRecord = user.role === 'coordinator' || user.role === 'dept_admin';
  if (profile.isPending) return <Loading />;
  if (profile.isError || !data) return <QueryError error={profile.error} retry={() => profile.refetch()} />;

  const { entity, latest } = data;
  const name = (f: Factor) => (locale === 'en' ? METRIC_SPECS[f.metric].en : f.name);
  const factorColumns: TableColumnsType<Factor> = [
    { title: t('credit.group'), dataIndex: 'group', render: (g: string) => codeName(t, 'credit.group.', g) },
    { title: t('credit.indicator'), key: 'name', render: (_, f) => name(f) },
    {
      title: t('credit.firedBand'),
      key: 'band',
      responsive: ['md'],
      render: (_, f) => (
        <span className="tp-secondary">
          {f.metric === 'industry' && entity.industry_code
            ? entity.industry_code
            : firedBy(f.rule.score, f.points, t)}
        </span>
      ),
    },
    { title: t('credit.points'), dataIndex: 'points', align: 'right' },
    { title: t('credit.weight'), dataIndex: 'weight', align: 'right', responsive: ['md'] },
    {
      title: t('credit.contribution'),
      dataIndex: 'contribution',
      align: 'right',
      render: (v: number, f) => (
        <strong data-testid={`factor-${f.code}`} data-value={v} style={{ color: v ? undefined : '#bfbfbf' }}>
          {v}
        </strong>
      ),
    },
  ];
  const historyColumns: TableColumnsType<Classification> = [
    {
      title: t('credit.run.finishedAt'),
      dataIndex: 'finishedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    { title: t('credit.run.kind'), dataIndex: 'kind', render: (v: string) => codeName(t, 'credit.kind.', v) },
    {
      title: t('credit.modelVersion'),
      dataIndex: 'modelVersion',
      render: (v: number) => `v${v}`,
      responsive: ['md'],
    },
    { title: t('credit.score'), dataIndex: 'score', align: 'right' },
    { title: t('entity.creditClass'), dataIndex: 'class', render: (v) => <CreditClassTag value={v} /> },
  ];
  const eventColumns: TableColumnsType<CreditEvent> = [
    { title: t('credit.event.date'), dataIndex: 'occurred_on' },
    {
      title: t('credit.event.kind'),
      dataIndex: 'kind',
      render: (v: string) => codeName(t, 'credit.event.kind.', v),
    },
    {
      title: t('credit.event.detail'),
      key: 'detail',
      render: (_, e) =>
        [
          e.subject && codeName(t, 'credit.event.subject.', e.subject),
          e.severity !== null && t('credit.event.severity', { n: e.severity }),
          e.amount_yuan && t('credit.event.amount', { amount: Number(e.amount_yuan).toLocaleString(locale) }),
          e.ref,
        ]
          .filter(Boolean)
          .join(' · '),
    },
    {
      title: t('credit.event.source'),
      dataIndex: 'source',
      responsive: ['md'],
      render: (v: string) => codeName(t, 'credit.source.', v),
    },
  ];

  return (
    <>
      <PageHeader
        title={entity.name}
        subtitle={<span className="tp-code">{entity.identifier}</span>}
        extra={
          mayRecord && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="credit-record-event"
            >
              {t('credit.recordEvent')}
            </Button>
          )
        }
      />
      <EventFormModal
        entityId={entity.id}
        open={recording}
        onSaved={() => profile.refetch()}
        onClose={() => setRecording(false)}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              {
                key: 'class',
                label: t('entity.creditClass'),
                children: (
                  <span data-testid="profile-class" data-value={entity.credit_class ?? ''}>
                    <CreditClassTag value={entity.credit_class} />
                  </span>
                ),
              },
              { key: 'score', label: t('credit.score'), children: latest?.score ?? '—' },
              {
                key: 'model',
                label: t('credit.modelVersion'),
                children: latest
                  ? `v${latest.modelVersion} · ${dayjs(latest.finishedAt).format('YYYY-MM-DD')}`
                  : '—',
              },
              {
                key: 'thresholds',
                label: t('credit.thresholds'),
                children: latest
                  ? `B ≥ ${latest.thresholds.B} · C ≥ ${latest.thresholds.C} · D ≥ ${latest.thresholds.D}`
                  : '—',
              },
              { key: 'kind', label: t('entity.kind'), children: t(`entity.kind.${entity.kind}`) },
              { key: 'registered', label: t('credit.registeredOn'), children: entity.registered_on ?? '—' },
              { key: 'industry', label: t('entity.industryCode'), children: entity.industry_code ?? '—' },
              {
                key: 'lists',
                label: t('credit.lists'),
                children: (
                  <>
                    {entity.abnormal_listed && <Tag color="warning">{t('credit.abnormalListed')}</Tag>}
                    {entity.serious_listed && <Tag color="error">{t('credit.seriousListed')}</Tag>}
                    {!entity.abnormal_listed && !entity.serious_listed && t('credit.notListed')}
                  </>
                ),
              },
            ]}
          />
          {latest?.rule && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('credit.directFired', {
                rule: codeName(t, 'credit.direct.', latest.rule),
                class: latest.class,
              })}
            />
          )}
        </Card>
        {latest ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('credit.factors')} style={{ height: '100%' }}>
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={latest.factors}
                  columns={factorColumns}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={2}>
                        <strong>{t('credit.total')}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} colSpan={4} align="right">
                        <strong data-testid="profile-score" data-value={latest.score}>
                          {latest.score}
                        </strong>
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('credit.contributions')} style={{ height: '100%' }}>
                {charts?.factors && latest.factors.some((f) => f.contribution > 0) ? (
                  <Chart
                    option={charts.factors}
                    height={Math.max(160, latest.factors.filter((f) => f.contribution > 0).length * 34 + 40)}
                    label={t('credit.contributions')}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credit.noFactors')} />
                )}
              </Card>
            </Col>
          </Row>
        ) : (
          <Card size="small">
            <Empty description={t('credit.notClassified')} />
          </Card>
        )}
        <Card size="small" title={t('credit.history')}>
          {charts?.history && <Chart option={charts.history} height={220} label={t('credit.history')} />}
          <Table
            size="small"
            rowKey="runId"
            pagination={{ pageSize: 10 }}
            dataSource={data.history}
            columns={historyColumns}
          />
        </Card>
        <Card size="small" title={t('credit.events')}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={data.events}
            columns={eventColumns}
          />
        </Card>
      </Space>
    </>
  );
}
