// 模型管理: the indicator system by group, its weights and rule parameters, the class thresholds
// and direct rules. Only a draft can change: the coordinator opens one from the active version,
// edits it (checked as typed by the same rules as the server), previews by a dry run how the
// classes would move, and activates it as a new version; earlier versions are kept.
import { ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  DIRECT_NAMES,
  GROUP_NAMES,
  GROUPS,
  METRIC_SPECS,
  modelProblems,
  totalWeight,
} from '../../../../src/core/credit/model.ts';
import { api, errorText } from '../../api/client.ts';
import {
  CREDIT_API,
  type CreditModel,
  type CreditModelRow,
  type CreditRun,
  type Indicator,
  type ModelDefinition,
} from '../../api/credit.ts';
import { CREDIT_CLASSES } from '../../api/types.ts';
import { Chart } from '../../components/Chart.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLocale } from '../../i18n/index.tsx';
import { CREDIT_CLASS_COLORS } from '../../theme.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { distributionOption, MovementMatrix } from './shared.tsx';

const MODELS = `${CREDIT_API}/models`;
const DRAFT = `${MODELS}/draft`;

const definitionOf = (m: CreditModel): ModelDefinition => ({
  thresholds: m.thresholds,
  direct: m.direct,
  indicators: m.indicators,
});

/** Polls a run until it has finished (runs go to the background where a job system runs). */
async function finished(run: CreditRun): Promise<CreditRun> {
  let current = run;
  while (current.status === 'queued' || current.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    current = await api.get<CreditRun>(`${CREDIT_API}/runs/${run.id}`);
  }
  return current;
}

function DryRunResult({ run }: { run: CreditRun }) {
  const { locale, t } = useLocale();
  const option = useMemo(
    () =>
      distributionOption(t, locale, [
        { name: t('credit.now'), counts: run.before_counts ?? {}, faded: true },
        { name: t('credit.preview'), counts: run.counts ?? {} },
      ]),
    [run, t, locale],
  );
  if (run.status === 'failed') return <Alert type="error" showIcon title={run.error ?? ''} />;
  return (
    <Card
      size="small"
      title={
        <Space>
          <ExperimentOutlined />
          {t('credit.dryRunOf', { version: run.model_version })}
        </Space>
      }
    >
      <Typography.Paragraph>
        <span data-testid="credit-dry-changed" data-value={run.changed ?? 0}>
          {t('credit.wouldChange', { count: (run.changed ?? 0).toLocaleString(locale) })}
        </span>
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart option={option} height={240} label={t('credit.dryRunOf', { version: run.model_version })} />
        </Col>
        <Col xs={24} lg={12}>
          <MovementMatrix movement={run.movement ?? []} />
        </Col>
      </Row>
    </Card>
  );
}

export default function CreditModelPage() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const models = useQuery({ queryKey: [MODELS], queryFn: () => api.get<CreditModelRow[]>(MODELS) });
  const draftRow = models.data?.find((m) => m.status === 'draft');
  const shownRow = draftRow ?? models.data?.find((m) => m.status === 'active');
  const model = useQuery({
    queryKey: [MODELS, shownRow?.id],
    queryFn: () => api.get<CreditModel>(`${MODELS}/${shownRow!.id}`),
    enabled: Boolean(shownRow),
  });
  const editing = model.data?.status === 'draft';
  const [def, setDef] = useState<ModelDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [dryRun, setDryRun] = useState<CreditRun | null>(null);
  useEffect(() => {
    if (model.data) {
      setDef(definitionOf(model.data));
      setDirty(false);
    }
  }, [model.data]);

  const problems = useMemo(() => (def ? modelProblems(def) : []), [def]);
  const errorAt = (path: string) => problems.some((p) => p.field === path || p.field.startsWith(`${path}.`));
  const reload = () => queryClient.invalidateQueries({ queryKey: [MODELS] });
  const fail = (error: unknown) => message.error(errorText(error, locale));

  const open = useMutation({
    mutationFn: () => api.post<CreditModel>(DRAFT),
    onSuccess: reload,
    onError: fail,
  });
  const save = async () => {
    const saved = await api.put<CreditModel>(DRAFT, def);
    setDirty(false);
    queryClient.setQueryData([MODELS, saved.id], saved);
    return saved;
  };
  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: () => message.success(t('credit.saved')),
    onError: fail,
  });
  const preview = useMutation({
    mutationFn: async () => {
      if (dirty) await save();
      return finished(await api.post<CreditRun>(`${CREDIT_API}/runs`, { kind: 'dry_run' }));
    },
    onSuccess: setDryRun,
    onError: fail,
  });
  const activate = useMutation({
    mutationFn: async () => {
      if (dirty) await save();
      return api.post<CreditModel>(`${DRAFT}/activate`);
    },
    onSuccess: (m) => {
      message.success(t('credit.activated', { version: m.version }));
      setDryRun(null);
      reload();
      void queryClient.invalidateQueries({ queryKey: [`${CREDIT_API}/summary`] });
    },
    onError: fail,
  });
  const discard = useMutation({
    mutationFn: () => api.delete(DRAFT),
    onSuccess: () => {
      setDryRun(null);
      reload();
    },
    onError: fail,
  });

  if (models.isError) return <QueryError error={models.error} retry={() => models.refetch()} />;
  if (!def || !model.data) return <Loading />;

  const update = (change: (d: ModelDefinition) => ModelDefinition) => {
    setDef((d) => d && change(structuredClone(d)));
    setDirty(true);
  };
  const setIndicator = (code: string, change: (i: Indicator) => void) =>
    update((d) => {
      change(d.indicators.find((i) => i.code === code)!);
      return d;
    });
  const indexOf = (code: string) => def.indicators.findIndex((i) => i.code === code);
  const weightSum = totalWeight(def);

  const columns: TableColumnsType<Indicator> = [
    {
      title: t('credit.indicator'),
      key: 'name',
      render: (_, ind) => (
        <>
          <div>{ind.name}</div>
          {ind.name !== METRIC_SPECS[ind.metric].zh && (
            <div className="tp-secondary" style={{ fontSize: 12 }}>
              {locale === 'en' ? METRIC_SPECS[ind.metric].en : METRIC_SPECS[ind.metric].zh}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('credit.weight'),
      key: 'weight',
      width: 120,
      render: (_, ind) => (
        <InputNumber
          value={ind.weight}
          min={0}
          max={100}
          disabled={!editing}
          status={errorAt(`indicators.${indexOf(ind.code)}.weight`) ? 'error' : undefined}
          onChange={(v) => setIndicator(ind.code, (i) => (i.weight = v ?? Number.NaN))}
          data-testid={`weight-${ind.code}`}
          style={{ width: 90 }}
        />
      ),
    },
  ];

  const problemList = problems.slice(0, 5).map((p) => {
    const [, index] = /^indicators\.(\d+)/.exec(p.field) ?? [];
    const where = index !== undefined ? `${def.indicators[Number(index)]?.name}：` : '';
    return `${where}${locale === 'en' ? p.en : p.zh}`;
  });

  return (
    <>
      <PageHeader
        title={t('nav.creditModel')}
        subtitle={
          editing
            ? t('credit.editingDraft', { version: model.data.version, base: model.data.based_on ?? '—' })
            : t('credit.viewingActive', { version: model.data.version })
        }
        extra={
          editing ? (
            <Space wrap>
              <Button
                onClick={() => saveDraft.mutate()}
                loading={saveDraft.isPending}
                disabled={problems.length > 0}
                data-testid="credit-save"
              >
                {t('common.save')}
              </Button>
              <Button
                icon={<ExperimentOutlined />}
                onClick={() => preview.mutate()}
                loading={preview.isPending}
                disabled={problems.length > 0}
                data-testid="credit-dry-run"
              >
                {t('credit.dryRun')}
              </Button>
              <Popconfirm
                title={t('credit.activateConfirm', { version: model.data.version })}
                description={t('credit.activateNote')}
                okText={t('credit.activate')}
                onConfirm={() => activate.mutate()}
                okButtonProps={{ 'data-testid': 'credit-activate-confirm' } as Record<string, string>}
              >
                <Button
                  type="primary"
                  loading={activate.isPending}
                  disabled={problems.length > 0}
                  data-testid="credit-activate"
                >
                  {t('credit.activate')}
                </Button>
              </Popconfirm>
              <Popconfirm title={t('credit.discardConfirm')} onConfirm={() => discard.mutate()}>
                <Button danger>{t('credit.discard')}</Button>
              </Popconfirm>
            </Space>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => open.mutate()}
              loading={open.isPending}
              data-testid="credit-new-draft"
            >
              {t('credit.newDraft')}
            </Button>
          )
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('credit.problems', { count: problems.length })}
            description={
              <ul className="tp-problems">
                {problemList.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
        {dryRun && <DryRunResult run={dryRun} />}
        <Card size="small" title={t('credit.classRules')}>
          <Space wrap size={[32, 12]} align="start">
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('credit.thresholds')}</Typography.Text>
              <Space wrap>
                {(['B', 'C', 'D'] as const).map((c) => (
                  <Space key={c} size={4}>
                    <Tag color={CREDIT_CLASS_COLORS[c]}>{c} ≥</Tag>
                    <InputNumber
                      value={def.thresholds[c]}
                      min={1}
                      disabled={!editing}
                      status={errorAt(`thresholds.${c}`) ? 'error' : undefined}
                      onChange={(v) =>
                        update((d) => {
                          d.thresholds[c] = v ?? Number.NaN;
                          return d;
                        })
                      }
                      data-testid={`threshold-${c}`}
                      style={{ width: 100 }}
                    />
                  </Space>
                ))}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('credit.weightSum', { sum: weightSum })}
              </Typography.Text>
            </Space>
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('credit.directRules')}</Typography.Text>
              {def.direct.map((d, k) => (
                <Space key={d.when} size={8}>
                  <Switch
                    size="small"
                    checked={d.enabled}
                    disabled={!editing}
                    onChange={(enabled) =>
                      update((x) => {
                        x.direct[k].enabled = enabled;
                        return x;
                      })
                    }
                  />
                  <span>{locale === 'en' ? DIRECT_NAMES[d.when].en : DIRECT_NAMES[d.when].zh}</span>
                  <span>→</span>
                  <Select
                    size="small"
                    value={d.class}
                    disabled={!editing}
                    style={{ width: 70 }}
                    options={CREDIT_CLASSES.map((c) => ({ value: c, label: c }))}
                    onChange={(c) =>
                      update((x) => {
                        x.direct[k].class = c;
                        return x;
                      })
                    }
                  />
                </Space>
              ))}
            </Space>
          </Space>
        </Card>
        {GROUPS.map((group) => {
          const rows = def.indicators.filter((i) => i.group === group);
          if (!rows.length) return null;
          const groupWeight = rows.reduce((s, i) => s + i.weight, 0);
          return (
            <Card
              key={group}
              size="small"
              title={locale === 'en' ? GROUP_NAMES[group].en : GROUP_NAMES[group].zh}
              extra={<span className="tp-secondary">{t('credit.groupWeight', { sum: groupWeight })}</span>}
            >
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={rows}
                columns={columns}
                expandable={{
                  defaultExpandAllRows: editing,
                  expandedRowRender: (ind) => (
                    <fieldset disabled={!editing} style={{ border: 0, padding: 0, margin: 0 }}>
                      <RuleEditor
                        code={ind.code}
                        metric={ind.metric}
                        rule={ind.rule}
                        errorAt={(path) => errorAt(`indicators.${indexOf(ind.code)}.${path}`)}
                        onChange={(rule) => setIndicator(ind.code, (i) => (i.rule = rule))}
                      />
                    </fieldset>
                  ),
                }}
              />
            </Card>
          );
        })}
        <Card size="small" title={t('credit.versions')}>
          {models.data?.length ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={models.data}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('credit.modelVersion'), dataIndex: 'version', render: (v: number) => `v${v}` },
                {
                  title: t('credit.run.status'),
                  dataIndex: 'status',
                  render: (s: CreditModelRow['status']) => (
                    <Tag color={s === 'active' ? 'success' : s === 'draft' ? 'processing' : undefined}>
                      {t(`credit.model.${s}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('credit.basedOn'),
                  dataIndex: 'based_on',
                  render: (v: number | null) => (v ? `v${v}` : '—'),
                },
                {
                  title: t('credit.activatedAt'),
                  dataIndex: 'activated_at',
                  render: (v: string | null, r) =>
                    v
                      ? `${dayjs(v).format('YYYY-MM-DD HH:mm')} ${r.activated_by_name ?? t('credit.system')}`
                      : '—',
                },
                {
                  title: t('credit.retiredAt'),
                  dataIndex: 'retired_at',
                  render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
                },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Space>
    </>
  );
}
