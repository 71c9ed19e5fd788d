// One plan: drafted and edited freely, then filed (备案) and published (公示); from filing on it changes
// only by an amendment with its reason, and its batches are drawn from here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, errorText } from '../api/client.ts';
import type { Amendment, ItemChoice, PlanInput, PlanView } from '../api/draws.ts';
import { useOrgs } from '../api/orgs.ts';
import { CREDIT_CLASSES } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DrawStatusTag } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';
import { PLAN_STATUS_COLOR } from './PlansPage.tsx';

interface FormValues {
  name: string;
  year: number;
  orgId: string;
  kind: 'single' | 'joint';
  cooperatingOrgIds: string[];
  dates: [Dayjs, Dayjs];
  directed: boolean;
  scope: { kinds?: string[]; industries?: string[]; regions?: string[]; tags?: string[] };
  /** Percentages as typed (2.5 for 2.5 %); basis points on the wire. */
  ratios: Record<'A' | 'B' | 'C' | 'D', number>;
  alternates: number;
  byDistrict: boolean;
  teamSize: number;
  crossOffice: boolean;
  excludeRecentMonths: number;
  workloadCap: number | null;
  items: string[];
  batches: { name: string; dates: [Dayjs, Dayjs] }[];
}

const DAY = 'YYYY-MM-DD';
const toBp = (percent: number) => Math.round(percent * 100);

function toInput(v: FormValues): PlanInput {
  return {
    year: v.year,
    orgId: v.orgId,
    name: v.name.trim(),
    kind: v.kind,
    cooperatingOrgIds: v.kind === 'joint' ? (v.cooperatingOrgIds ?? []) : [],
    directed: v.directed,
    scope: Object.fromEntries(
      Object.entries(v.scope ?? {}).filter(([, list]) => list && list.length > 0),
    ) as PlanInput['scope'],
    ratios: { A: toBp(v.ratios.A), B: toBp(v.ratios.B), C: toBp(v.ratios.C), D: toBp(v.ratios.D) },
    alternatesBp: toBp(v.alternates),
    byDistrict: v.byDistrict,
    teamSize: v.teamSize,
    crossOffice: v.crossOffice,
    excludeRecentMonths: v.excludeRecentMonths,
    workloadCap: v.workloadCap ?? null,
    startsOn: v.dates[0].format(DAY),
    endsOn: v.dates[1].format(DAY),
    items: (v.items ?? []).map((itemId) => ({ itemId })),
    batches: (v.batches ?? []).map((b) => ({
      name: b.name,
      startsOn: b.dates[0].format(DAY),
      endsOn: b.dates[1].format(DAY),
    })),
  };
}

function toValues(plan: PlanView): FormValues {
  return {
    name: plan.name,
    year: plan.year,
    orgId: plan.orgId,
    kind: plan.kind,
    cooperatingOrgIds: plan.cooperatingOrgIds,
    dates: [dayjs(plan.startsOn), dayjs(plan.endsOn)],
    directed: plan.directed,
    scope: plan.scope,
    ratios: {
      A: plan.ratios.A / 100,
      B: plan.ratios.B / 100,
      C: plan.ratios.C / 100,
      D: plan.ratios.D / 100,
    },
    alternates: plan.alternatesBp / 100,
    byDistrict: plan.byDistrict,
    teamSize: plan.teamSize,
    crossOffice: plan.crossOffice,
    excludeRecentMonths: plan.excludeRecentMonths,
    workloadCap: plan.workloadCap,
    items: plan.items.map((i) => i.id),
    batches: plan.batches.map((b) => ({ name: b.name, dates: [dayjs(b.startsOn), dayjs(b.endsOn)] })),
  };
}

const NEW_PLAN = (year: number): Partial<FormValues> => ({
  year,
  kind: 'single',
  cooperatingOrgIds: [],
  dates: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)],
  directed: false,
  scope: {},
  // Henan's published ratios (DOMAIN.md §4); A-class 0 is 无事不扰.
  ratios: { A: 0, B: 2, C: 10, D: 30 },
  alternates: 20,
  byDistrict: false,
  teamSize: 2,
  crossOffice: true,
  excludeRecentMonths: 12,
  workloadCap: null,
  items: [],
  batches: [],
});

/** Server field names ("ratios.D", "batches.0") as form paths. */
function fieldPath(field: string): (string | number)[] {
  if (field === 'startsOn' || field === 'endsOn') return ['dates'];
  if (field.startsWith('items')) return ['items'];
  if (field.startsWith('batches')) return ['batches'];
  if (field === 'alternatesBp') return ['alternates'];
  if (field === 'scope') return ['directed'];
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export default function PlanEditor({ planId }: { planId: string | null }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [amending, setAmending] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [itemSearch, setItemSearch] = useState('');
  const kind = Form.useWatch('kind', form);

  const plan = useQuery({
    queryKey: ['/api/plans', planId],
    queryFn: () => api.get<PlanView>(`/api/plans/${planId}`),
    enabled: planId !== null,
  });
  const amendments = useQuery({
    queryKey: ['/api/plans', planId, 'amendments'],
    queryFn: () => api.get<Amendment[]>(`/api/plans/${planId}/amendments`),
    enabled: planId !== null && plan.data?.status !== 'draft',
  });
  const orgs = useOrgs();
  const items = useQuery({
    queryKey: ['/api/plan-items', itemSearch],
    queryFn: () => api.get<ItemChoice[]>('/api/plan-items', { q: itemSearch, limit: 100 }),
  });
  const departments = useMemo(
    () =>
      (orgs.data ?? []).filter((o) => o.kind === 'department').map((o) => ({ value: o.id, label: o.name })),
    [orgs.data],
  );
  const itemOptions = useMemo(() => {
    const known = new Map<string, { value: string; label: string }>();
    for (const i of plan.data?.items ?? [])
      known.set(i.id, { value: i.id, label: `${i.name}（${t(`plan.itemType.${i.itemType}`)}）` });
    for (const i of items.data ?? [])
      known.set(i.id, {
        value: i.id,
        label: `${i.name}（${t(`plan.itemType.${i.item_type}`)} · ${i.year}）`,
      });
    return [...known.values()];
  }, [plan.data, items.data, t]);

  const status = plan.data?.status ?? 'draft';
  const editable = planId === null || status === 'draft' || amending;
  const reload = () => queryClient.invalidateQueries({ queryKey: ['/api/plans'] });

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.field) {
      form.setFields([{ name: fieldPath(error.field) as never, errors: [errorText(error, locale)] }]);
      setFormError(errorText(error, locale));
    } else setFormError(errorText(error, locale));
  };

  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      const input = toInput(values);
      if (planId === null) return api.post<{ id: string }>('/api/plans', input);
      if (amending) return api.post(`/api/plans/${planId}/amendments`, { reason, plan: input });
      return api.put(`/api/plans/${planId}`, input);
    },
    onSuccess: (result) => {
      setFormError(null);
      message.success(t(amending ? 'plan.amended' : 'plan.saved'));
      setAmending(false);
      setReasonOpen(false);
      setReason('');
      reload();
      if (planId === null) navigate(`/plans/${(result as { id: string }).id}`, { replace: true });
    },
    onError: (error) => {
      setReasonOpen(false);
      fail(error);
    },
  });
  const step = useMutation({
    mutationFn: (name: 'file' | 'publish') => api.post(`/api/plans/${planId}/${name}`),
    onSuccess: (_, name) => {
      message.success(t(name === 'file' ? 'plan.filedOk' : 'plan.publishedOk'));
      reload();
    },
    onError: (error) => message.error(errorText(error, locale)),
  });

  if (planId !== null && plan.isLoading) return <Loading />;
  if (plan.isError) return <QueryError error={plan.error} retry={() => plan.refetch()} />;
  const view = plan.data;
  const initial = view ? toValues(view) : NEW_PLAN(dayjs().year());

  return (
    <>
      <PageHeader
        title={view ? view.name : t('plan.create')}
        subtitle={
          view && (
            <Space>
              {view.code}
              <Tag color={PLAN_STATUS_COLOR[view.status]}>{t(`plan.status.${view.status}`)}</Tag>
            </Space>
          )
        }
        extra={
          <Space wrap>
            <Link to="/plans">{t('plan.backToList')}</Link>
            {view && status === 'draft' && (
              <Popconfirm title={t('plan.fileConfirm')} onConfirm={() => step.mutate('file')}>
                <Button data-testid="plan-file" loading={step.isPending}>
                  {t('plan.file')}
                </Button>
              </Popconfirm>
            )}
            {view && status === 'filed' && (
              <Popconfirm title={t('plan.publishConfirm')} onConfirm={() => step.mutate('publish')}>
                <Button type="primary" data-testid="plan-publish" loading={step.isPending}>
                  {t('plan.publish')}
                </Button>
              </Popconfirm>
            )}
            {view && status !== 'draft' && !amending && (
              <Button onClick={() => setAmending(true)} data-testid="plan-amend">
                {t('plan.amend')}
              </Button>
            )}
          </Space>
        }
      />
      {amending && <Alert type="info" showIcon title={t('plan.amendingNote')} style={{ marginBottom: 16 }} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onFinish={(values) => {
          setFormError(null);
          if (amending) setReasonOpen(true);
          else save.mutate(values);
        }}
      >
        <Card className="tp-panel" title={t('plan.section.basic')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('plan.name')} rules={[{ required: true, max: 100 }]}>
                <Input data-testid="plan-name" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="year" label={t('plan.year')} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="dates" label={t('plan.period')} rules={[{ required: true }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="orgId"
                label={t('plan.org')}
                rules={[{ required: true, message: t('form.choose', { label: t('plan.org') }) }]}
              >
                <Select
                  options={departments}
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!editable || view !== undefined}
                  data-testid="plan-org"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('plan.kind')}>
                <Radio.Group
                  options={[
                    { value: 'single', label: t('plan.kind.single') },
                    { value: 'joint', label: t('plan.kind.joint') },
                  ]}
                />
              </Form.Item>
            </Col>
            {kind === 'joint' && (
              <Col xs={24}>
                <Form.Item
                  name="cooperatingOrgIds"
                  label={t('plan.cooperating')}
                  extra={t('plan.cooperatingHint')}
                >
                  <Select mode="multiple" options={departments} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>

        <Card className="tp-panel" title={t('plan.section.scope')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="directed"
                label={t('plan.directed')}
                valuePropName="checked"
                extra={t('plan.directedHint')}
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name={['scope', 'regions']}
                label={t('plan.scope.regions')}
                extra={t('plan.scope.regionsHint')}
              >
                <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['scope', 'kinds']} label={t('plan.scope.kinds')}>
                <Select
                  mode="multiple"
                  options={(['enterprise', 'individual', 'cooperative', 'other'] as const).map((k) => ({
                    value: k,
                    label: t(`entity.kind.${k}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['scope', 'industries']}
                label={t('plan.scope.industries')}
                extra={t('plan.scope.industriesHint')}
              >
                <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['scope', 'tags']} label={t('plan.scope.tags')}>
                <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="items" label={t('plan.items')} extra={t('plan.itemsHint')}>
                <Select
                  mode="multiple"
                  options={itemOptions}
                  filterOption={false}
                  showSearch={{ onSearch: setItemSearch }}
                  loading={items.isFetching}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card className="tp-panel" title={t('plan.section.ratios')}>
          <Row gutter={16}>
            {CREDIT_CLASSES.map((c) => (
              <Col xs={12} md={6} key={c}>
                <Form.Item
                  name={['ratios', c]}
                  label={`${c} · ${t(`credit.${c}`)}`}
                  rules={[{ required: true }]}
                  extra={c === 'A' ? t('plan.ratioAHint') : undefined}
                >
                  <InputNumber
                    min={0}
                    max={100}
                    step={0.5}
                    suffix="%"
                    style={{ width: '100%' }}
                    data-testid={`plan-ratio-${c}`}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Form.Item name="alternates" label={t('plan.alternates')} extra={t('plan.alternatesHint')}>
                <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="byDistrict" label={t('plan.byDistrict')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Alert type="info" showIcon title={t('plan.capNote')} />
            </Col>
          </Row>
        </Card>

        <Card className="tp-panel" title={t('plan.section.teams')}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="teamSize" label={t('plan.teamSize')} rules={[{ required: true }]}>
                <InputNumber min={2} max={20} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="crossOffice"
                label={t('plan.crossOffice')}
                valuePropName="checked"
                extra={t('plan.crossOfficeHint')}
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="excludeRecentMonths"
                label={t('plan.excludeRecent')}
                extra={t('plan.excludeRecentHint')}
              >
                <InputNumber min={0} max={120} suffix={t('plan.months')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="workloadCap" label={t('plan.workloadCap')} extra={t('plan.workloadCapHint')}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card className="tp-panel" title={t('plan.section.batches')}>
          <Form.List name="batches">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('plan.batchName')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dates']} rules={[{ required: true }]}>
                      <DatePicker.RangePicker />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('plan.removeBatch')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: t('plan.batchN', { n: fields.length + 1 }) })}>
                  {t('plan.addBatch')}
                </Button>
                {fields.length === 0 && <div className="tp-secondary">{t('plan.oneBatchNote')}</div>}
              </>
            )}
          </Form.List>
        </Card>

        {editable && (
          <Space style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
              {amending ? t('plan.submitAmendment') : t('common.save')}
            </Button>
            {amending && (
              <Button
                disabled={false}
                onClick={() => {
                  setAmending(false);
                  form.resetFields();
                }}
              >
                {t('plan.cancelAmendment')}
              </Button>
            )}
          </Space>
        )}
      </Form>

      {view && (
        <Card className="tp-panel" title={t('plan.section.draws')}>
          {status !== 'published' && (
            <Alert type="info" showIcon title={t('plan.drawAfterPublish')} style={{ marginBottom: 12 }} />
          )}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={view.batches}
            columns={[
              { title: t('plan.batch'), dataIndex: 'name' },
              { title: t('plan.period'), key: 'period', render: (_, b) => `${b.startsOn} ~ ${b.endsOn}` },
              {
                title: t('plan.draw'),
                key: 'draw',
                render: (_, b) =>
                  b.draw ? (
                    <Space>
                      <Link to={`/draws/${b.draw.id}`}>{b.draw.code}</Link>
                      <DrawStatusTag status={b.draw.status} />
                    </Space>
                  ) : status === 'published' ? (
                    <Link to={`/draws/new?plan=${view.id}&batch=${b.id}`}>
                      <Button type="primary" size="small" data-testid="plan-draw">
                        {t('plan.startDraw')}
                      </Button>
                    </Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      )}

      {view && status !== 'draft' && (
        <Card className="tp-panel" title={t('plan.section.amendments')}>
          {amendments.data?.length ? (
            <Timeline
              items={amendments.data.map((a) => ({
                children: (
                  <>
                    <div>
                      <strong>{t('plan.amendmentN', { n: a.seq })}</strong> ·{' '}
                      {dayjs(a.created_at).format('YYYY-MM-DD HH:mm')}
                      {a.created_by && ` · ${a.created_by}`}
                    </div>
                    <div>
                      {t('plan.reason')}：{a.reason}
                    </div>
                    <Divider style={{ margin: '6px 0' }} />
                    {Object.keys(a.after).map((k) => (
                      <div key={k} className="tp-secondary">
                        {k}：{JSON.stringify(a.before[k])} → {JSON.stringify(a.after[k])}
                      </div>
                    ))}
                  </>
                ),
              }))}
            />
          ) : (
            <div className="tp-secondary">{t('plan.noAmendments')}</div>
          )}
        </Card>
      )}

      <Modal
        open={reasonOpen}
        title={t('plan.amendReasonTitle')}
        okText={t('plan.submitAmendment')}
        okButtonProps={{ disabled: !reason.trim(), loading: save.isPending }}
        onOk={() => save.mutate(form.getFieldsValue(true))}
        onCancel={() => setReasonOpen(false)}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('plan.reasonPlaceholder')}
        />
      </Modal>
    </>
  );
}
