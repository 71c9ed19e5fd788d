// A new draw of a plan's batch: the frame as it would be frozen now (counts per stratum), then the
// public sources declared in advance, then the commitment. The rest happens on the draw's page.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Steps, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { sha256Web, toHex } from '../../../src/core/draw/index.ts';
import { api, errorText } from '../api/client.ts';
import type { PlanView, Preview } from '../api/draws.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { HEX } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';

type SourceDraft = { key: string } & (
  | { kind: 'values'; description: string }
  | { kind: 'drand'; chain: string; round: number | null; at?: string }
  | { kind: 'secret'; secret: string; sha256: string }
);

/** A random 32-byte secret, made in this browser: the server only ever sees its SHA-256 before the reveal. */
async function newSecret(): Promise<{ secret: string; sha256: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return { secret: toHex(bytes), sha256: toHex(await sha256Web(bytes)) };
}

export const WIZARD_STEPS = [
  'draw.step.frame',
  'draw.step.commit',
  'draw.step.source',
  'draw.step.reveal',
  'draw.step.result',
] as const;

export default function DrawWizard() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const planId = params.get('plan') ?? '';
  const batchId = params.get('batch') ?? '';
  const [sources, setSources] = useState<SourceDraft[]>([
    { key: crypto.randomUUID(), kind: 'values', description: '' },
  ]);

  const plan = useQuery({
    queryKey: ['/api/plans', planId],
    queryFn: () => api.get<PlanView>(`/api/plans/${planId}`),
  });
  const preview = useQuery({
    queryKey: ['/api/plans', planId, 'preview', batchId],
    queryFn: () => api.get<Preview>(`/api/plans/${planId}/preview`, { batchId }),
  });
  const commit = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>(`/api/plans/${planId}/draws`, {
        batchId,
        sources: sources.map((s) =>
          s.kind === 'values'
            ? { kind: 'values', description: s.description }
            : s.kind === 'drand'
              ? { kind: 'drand', chain: s.chain, round: s.round }
              : { kind: 'secret', sha256: s.sha256 },
        ),
      }),
    onSuccess: ({ id }) => {
      message.success(t('draw.committedOk'));
      navigate(`/draws/${id}`);
    },
  });

  const update = (i: number, source: SourceDraft) =>
    setSources((list) => list.map((s, n) => (n === i ? source : s)));
  const suggestRound = async (i: number) => {
    const { chain, round, at } = await api.get<{ chain: string; round: number; at: string }>(
      '/api/drand/round',
      {
        afterSeconds: 120,
      },
    );
    setSources((list) => list.map((s, n) => (n === i ? { key: s.key, kind: 'drand', chain, round, at } : s)));
  };
  const addSource = async (kind: SourceDraft['kind']) => {
    const key = crypto.randomUUID();
    const draft: SourceDraft =
      kind === 'values'
        ? { key, kind, description: '' }
        : kind === 'drand'
          ? { key, kind, chain: '', round: null }
          : { key, kind, ...(await newSecret()) };
    setSources((list) => [...list, draft]);
    if (kind === 'drand') await suggestRound(sources.length);
  };

  if (plan.isLoading || preview.isLoading) return <Loading />;
  if (plan.isError) return <QueryError error={plan.error} />;
  const batch = plan.data?.batches.find((b) => b.id === batchId);
  const ready =
    sources.length > 0 &&
    sources.every((s) =>
      s.kind === 'values' ? s.description.trim() : s.kind === 'drand' ? s.round : s.sha256,
    );

  return (
    <>
      <PageHeader
        title={t('draw.newTitle')}
        subtitle={`${plan.data?.name ?? ''} · ${batch?.name ?? ''}`}
        extra={<Link to={`/plans/${planId}`}>{t('draw.backToPlan')}</Link>}
      />
      {batch?.draw && batch.draw.status !== 'abandoned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t('draw.alreadyDrawn')} <Link to={`/draws/${batch.draw.id}`}>{batch.draw.code}</Link>
            </>
          }
        />
      )}
      <Steps
        current={0}
        items={WIZARD_STEPS.map((key) => ({ title: t(key) }))}
        style={{ marginBottom: 16 }}
        responsive
      />
      <Card className="tp-panel" title={t('draw.framePreview')}>
        {preview.isError && <QueryError error={preview.error} retry={() => preview.refetch()} />}
        {preview.data && (
          <>
            <Table
              size="small"
              rowKey="label"
              pagination={false}
              dataSource={preview.data.strata}
              data-testid="frame-preview"
              columns={[
                { title: t('draw.stratum'), dataIndex: 'label' },
                { title: t('draw.size'), dataIndex: 'size', align: 'right' },
                { title: t('draw.excluded'), dataIndex: 'excluded', align: 'right' },
                { title: t('draw.sample'), dataIndex: 'sample', align: 'right' },
                { title: t('draw.alternates'), dataIndex: 'alternates', align: 'right' },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {preview.data.exclusion[locale === 'en' ? 'en' : 'zh']}。{t('draw.previewNote')}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <Card className="tp-panel" title={t('draw.sources')}>
        <Typography.Paragraph type="secondary">{t('draw.sourcesNote')}</Typography.Paragraph>
        {sources.map((s, i) => (
          <Card
            key={s.key}
            size="small"
            style={{ marginBottom: 12 }}
            title={t('draw.sourceN', { n: i + 1 })}
            extra={
              sources.length > 1 && (
                <Button size="small" onClick={() => setSources((list) => list.filter((_, n) => n !== i))}>
                  {t('draw.removeSource')}
                </Button>
              )
            }
          >
            {s.kind === 'values' && (
              <>
                <div>{t('draw.source.valuesHint')}</div>
                <Input.TextArea
                  rows={2}
                  value={s.description}
                  placeholder={t('draw.source.valuesPlaceholder')}
                  onChange={(e) => update(i, { ...s, description: e.target.value })}
                  data-testid={`source-description-${i}`}
                />
              </>
            )}
            {s.kind === 'drand' && (
              <Space wrap>
                {t('draw.source.drandRound')}
                <InputNumber
                  value={s.round}
                  min={1}
                  onChange={(round) => update(i, { ...s, round, at: undefined })}
                />
                <Button size="small" onClick={() => suggestRound(i)}>
                  {t('draw.source.suggestRound')}
                </Button>
                {s.at && (
                  <span className="tp-secondary">
                    {t('draw.source.roundAt', { at: dayjs(s.at).format('YYYY-MM-DD HH:mm:ss') })}
                  </span>
                )}
              </Space>
            )}
            {s.kind === 'secret' && (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title={t('draw.source.secretKeep')}
                  style={{ marginBottom: 8 }}
                />
                <div>
                  {t('draw.source.secret')}：
                  <Typography.Text code copyable style={HEX}>
                    {s.secret}
                  </Typography.Text>
                </div>
                <div>
                  SHA-256：
                  <Typography.Text code style={HEX}>
                    {s.sha256}
                  </Typography.Text>
                </div>
              </>
            )}
          </Card>
        ))}
        <Space wrap>
          <Select
            placeholder={t('draw.addSource')}
            value={null}
            style={{ minWidth: 200 }}
            onChange={(kind: SourceDraft['kind']) => addSource(kind)}
            options={[
              { value: 'values', label: t('draw.source.values') },
              { value: 'drand', label: t('draw.source.drandName') },
              { value: 'secret', label: t('draw.source.secret') },
            ]}
          />
        </Space>
        {commit.isError && (
          <Alert type="error" showIcon title={errorText(commit.error, locale)} style={{ marginTop: 12 }} />
        )}
        <div style={{ marginTop: 16 }}>
          <Button
            type="primary"
            disabled={!ready}
            loading={commit.isPending}
            onClick={() => commit.mutate()}
            data-testid="draw-commit"
          >
            {t('draw.commit')}
          </Button>
          <div className="tp-secondary" style={{ marginTop: 8 }}>
            {t('draw.commitNote')}
          </div>
        </div>
      </Card>
    </>
  );
}
