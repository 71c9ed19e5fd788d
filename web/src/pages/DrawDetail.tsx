// One draw for the department that runs it: where it stands (committed → waiting for the source →
// revealed → results), the reveal form, the results with teams, adjustments and abandonment. Every
// figure shown is the public one; the public page and the kit say the same.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Select, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DRAND_CHAINS, drandRoundTime } from '../../../src/modules/draws/drand.ts';
import { api, errorText } from '../api/client.ts';
import { drandRoundUrl, kitUrl, type PickRow, type PublicDraw } from '../api/draws.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import {
  AdjustmentsList,
  CommitmentCard,
  DrawNotices,
  DrawStatusTag,
  PicksTable,
  RulesCard,
  StrataTable,
} from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';
import { WIZARD_STEPS } from './DrawWizard.tsx';

const STEP = { committed: 2, revealed: 3, completed: 4, abandoned: 4 } as const;

/** "9319\n2 5 12 8 10" → [[9319], [2, 5, 12, 8, 10]]; null when a line holds anything but numbers. */
function groupsOf(text: string): number[][] | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const groups = lines.map((line) => line.split(/[\s,，、]+/).filter(Boolean));
  if (groups.length === 0 || groups.some((g) => g.some((n) => !/^\d+$/.test(n)))) return null;
  return groups.map((g) => g.map(Number));
}

function Countdown({ at }: { at: number }) {
  const { t } = useLocale();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.ceil((at - now) / 1000);
  return seconds > 0 ? (
    <Typography.Text type="warning">{t('draw.roundIn', { seconds })}</Typography.Text>
  ) : (
    <Typography.Text type="success">{t('draw.roundOut')}</Typography.Text>
  );
}

function RevealCard({ draw, onDone }: { draw: PublicDraw; onDone: () => void }) {
  const { locale, t } = useLocale();
  const [inputs, setInputs] = useState<string[]>(() => draw.commitment.sources.map(() => ''));
  const reveal = useMutation({
    mutationFn: () =>
      api.post(`/api/draws/${draw.id}/reveal`, {
        reveal: draw.commitment.sources.map((source, i) =>
          source.kind === 'values'
            ? { kind: 'values', groups: groupsOf(inputs[i]) ?? [] }
            : source.kind === 'drand'
              ? { kind: 'drand', beacon: inputs[i] }
              : { kind: 'secret', secretHex: inputs[i].trim() },
        ),
      }),
    onSuccess: onDone,
  });
  const ready = draw.commitment.sources.every((s, i) =>
    s.kind === 'values' ? groupsOf(inputs[i]) : inputs[i].trim(),
  );
  return (
    <Card className="tp-panel" title={t('draw.revealTitle')}>
      <Typography.Paragraph type="secondary">{t('draw.revealNote')}</Typography.Paragraph>
      {draw.commitment.sources.map((source, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sources are fixed in the commitment
        <div key={i} style={{ marginBottom: 12 }}>
          <div style={{ marginBottom: 4 }}>
            <strong>{t('draw.sourceN', { n: i + 1 })}</strong>{' '}
            {source.kind === 'values' && source.description}
            {source.kind === 'drand' && (
              <Space wrap>
                {t('draw.source.drand', { round: source.round })}
                <Countdown at={drandRoundTime(DRAND_CHAINS.get(source.chain)!, source.round)} />
                <a href={drandRoundUrl(source.chain, source.round)} target="_blank" rel="noreferrer">
                  {t('draw.openBeacon')}
                </a>
              </Space>
            )}
            {source.kind === 'secret' && t('draw.source.secretEnter')}
          </div>
          <Input.TextArea
            rows={source.kind === 'drand' ? 4 : 2}
            value={inputs[i]}
            onChange={(e) => setInputs((list) => list.map((v, n) => (n === i ? e.target.value : v)))}
            placeholder={t(`draw.revealPlaceholder.${source.kind}`)}
            data-testid={`reveal-${i}`}
          />
        </div>
      ))}
      {reveal.isError && (
        <Alert type="error" showIcon title={errorText(reveal.error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Button
        type="primary"
        disabled={!ready}
        loading={reveal.isPending}
        onClick={() => reveal.mutate()}
        data-testid="draw-reveal"
      >
        {t('draw.reveal')}
      </Button>
    </Card>
  );
}

type Dialog =
  | { kind: 'abandon' }
  | { kind: 'replace_entity'; row: PickRow }
  | { kind: 'replace_inspector'; row: PickRow }
  | null;

export default function DrawDetail({ drawId }: { drawId: string }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [certNo, setCertNo] = useState<string | undefined>();
  const path = `/api/draws/${drawId}`;
  const draw = useQuery({ queryKey: [path], queryFn: () => api.get<PublicDraw>(path) });
  const reload = () => {
    queryClient.invalidateQueries({ queryKey: [path] });
    queryClient.invalidateQueries({ queryKey: [`/api/public/draws/${drawId}/picks`] });
  };
  const close = () => {
    setDialog(null);
    setReason('');
    setCertNo(undefined);
  };
  const act = useMutation({
    mutationFn: () => {
      if (dialog?.kind === 'abandon') return api.post(`${path}/abandon`, { reason });
      if (dialog?.kind === 'replace_entity')
        return api.post(`${path}/adjustments`, { kind: 'replace_entity', taskId: dialog.row.taskId, reason });
      return api.post(`${path}/adjustments`, {
        kind: 'replace_inspector',
        taskId: dialog?.row.taskId,
        certNo,
        reason,
      });
    },
    onSuccess: () => {
      message.success(t('draw.recorded'));
      close();
      reload();
    },
    onError: (error) => message.error(errorText(error, locale)),
  });
  const complete = useMutation({
    mutationFn: () => api.post(`${path}/complete`),
    onSuccess: reload,
    onError: (error) => message.error(errorText(error, locale)),
  });

  if (draw.isLoading) return <Loading />;
  if (draw.isError || !draw.data) return <QueryError error={draw.error} retry={() => draw.refetch()} />;
  const d = draw.data;
  const canAct = d.canAct === true && d.status !== 'abandoned';

  return (
    <>
      <PageHeader
        title={`${t('draw.titleN', { code: d.code })}`}
        subtitle={
          <Space>
            <DrawStatusTag status={d.status} />
            {d.parameters.plan.name} · {d.parameters.batch.name}
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/plans/${d.parameters.plan.id}`}>{t('draw.backToPlan')}</Link>
            <a href={`/public/draws/${d.code}`} target="_blank" rel="noreferrer">
              {t('draw.publicPage')}
            </a>
            {d.completedAt && (
              <>
                <a href={kitUrl(d.code)} download data-testid="kit-download">
                  {t('draw.downloadKit')}
                </a>
                <a href={`/public/verify?draw=${d.code}`} target="_blank" rel="noreferrer">
                  {t('draw.verifyInBrowser')}
                </a>
              </>
            )}
            {canAct && (
              <Button danger onClick={() => setDialog({ kind: 'abandon' })}>
                {t('draw.abandon')}
              </Button>
            )}
          </Space>
        }
      />
      <DrawNotices draw={d} linkTo={(other) => `/draws/${other.id}`} />
      {d.status !== 'abandoned' && (
        <Steps
          current={STEP[d.status]}
          status={d.status === 'completed' ? 'finish' : 'process'}
          items={WIZARD_STEPS.map((key) => ({ title: t(key) }))}
          style={{ marginBottom: 16 }}
          responsive
        />
      )}
      {d.status === 'committed' && canAct && <RevealCard draw={d} onDone={reload} />}
      {d.status === 'revealed' && canAct && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('draw.interrupted')}
          action={
            <Button loading={complete.isPending} onClick={() => complete.mutate()}>
              {t('draw.resume')}
            </Button>
          }
        />
      )}
      {d.counts && (
        <Card className="tp-panel" title={t('draw.results')}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="draw-counts">
            <Descriptions.Item label={t('draw.frameSize')}>{d.counts.frame}</Descriptions.Item>
            <Descriptions.Item label={t('draw.tasks')}>{d.counts.tasks}</Descriptions.Item>
            <Descriptions.Item label={t('draw.assigned')}>{d.counts.assigned}</Descriptions.Item>
            <Descriptions.Item label={t('draw.unassignedCount')}>
              <span data-testid="unassigned-count">{d.counts.unassigned}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('draw.alternates')}>{d.counts.alternates}</Descriptions.Item>
          </Descriptions>
          <PicksTable
            draw={d}
            actions={
              canAct && d.status === 'completed'
                ? (row) =>
                    row.taskId && row.taskStatus !== 'cancelled' ? (
                      <Space orientation="vertical" size={0}>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => setDialog({ kind: 'replace_entity', row })}
                        >
                          {t('draw.replaceEntity')}
                        </Button>
                        {row.team.length > 0 && (
                          <Button
                            type="link"
                            size="small"
                            onClick={() => setDialog({ kind: 'replace_inspector', row })}
                          >
                            {t('draw.replaceInspector')}
                          </Button>
                        )}
                      </Space>
                    ) : null
                : undefined
            }
          />
        </Card>
      )}
      <Card className="tp-panel" title={t('draw.strata')}>
        <StrataTable draw={d} />
      </Card>
      <CommitmentCard draw={d} />
      <RulesCard draw={d} />
      <Card className="tp-panel" title={t('draw.adjustments')}>
        <AdjustmentsList adjustments={d.adjustments} />
      </Card>

      <Modal
        open={dialog !== null}
        title={dialog ? t(`draw.dialog.${dialog.kind}`) : ''}
        okText={t('draw.confirm')}
        okButtonProps={{
          danger: dialog?.kind === 'abandon',
          disabled: !reason.trim() || (dialog?.kind === 'replace_inspector' && !certNo),
          loading: act.isPending,
        }}
        onOk={() => act.mutate()}
        onCancel={close}
      >
        {dialog?.kind === 'abandon' && (
          <Alert type="warning" showIcon title={t('draw.abandonNote')} style={{ marginBottom: 12 }} />
        )}
        {dialog && dialog.kind !== 'abandon' && (
          <p>
            {dialog.row.name}（{dialog.row.identifier}）· {dialog.row.taskCode}
          </p>
        )}
        {dialog?.kind === 'replace_entity' && <p className="tp-secondary">{t('draw.replaceEntityNote')}</p>}
        {dialog?.kind === 'replace_inspector' && (
          <Select
            style={{ width: '100%', marginBottom: 12 }}
            placeholder={t('draw.whichInspector')}
            value={certNo}
            onChange={setCertNo}
            options={dialog.row.team.map((id) => ({ value: id, label: id }))}
          />
        )}
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t(dialog?.kind === 'abandon' ? 'draw.abandonPlaceholder' : 'draw.adjustPlaceholder')}
          data-testid="dialog-reason"
        />
      </Modal>
    </>
  );
}
