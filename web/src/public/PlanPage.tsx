// One plan as filed and published: who, what and where, the ratios per credit class, how teams are
// formed, the items, each batch with its draw, and every amendment with its reason and changes.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Table, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { percent, type Ratios, type Scope } from '../api/draws.ts';
import type { PublicPlan } from '../api/publicity.ts';
import { CREDIT_CLASSES } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DrawStatusTag } from '../drawview/DrawView.tsx';
import { codeName, type Translate, useLocale } from '../i18n/index.tsx';
import { day } from './parts.tsx';

/** "A 信用风险低 0% · B 信用风险一般 2% · …", with the unclassified stratum when the plan sets it. */
export function ratiosText(t: Translate, ratios: Ratios): string {
  const parts = CREDIT_CLASSES.map((c) => `${c} ${t(`credit.${c}`)} ${percent(ratios[c])}`);
  if (ratios.U !== undefined) parts.push(`${t('credit.none')} ${percent(ratios.U)}`);
  return parts.join(' · ');
}

/** The plan's scope in words; an empty scope is every business of the department's area. */
export function scopeLines(t: Translate, scope: Scope): string[] {
  return [
    scope.regions?.length ? `${t('plan.scope.regions')}：${scope.regions.join('、')}` : null,
    scope.kinds?.length
      ? `${t('plan.scope.kinds')}：${scope.kinds.map((k) => codeName(t, 'entity.kind.', k)).join('、')}`
      : null,
    scope.industries?.length ? `${t('plan.scope.industries')}：${scope.industries.join('、')}` : null,
    scope.tags?.length ? `${t('plan.scope.tags')}：${scope.tags.join('、')}` : null,
  ].filter((line): line is string => line !== null);
}

/** Names the plan knows for the ids an amendment records (items and departments still in the plan). */
function namesOf(p: PublicPlan): Map<string, string> {
  return new Map([
    ...p.items.map((i) => [i.id, i.name] as const),
    ...p.departments.map((d) => [d.id, d.name] as const),
  ]);
}

/** A value before or after an amendment, readable: lists joined, ratios as percentages, yes / no. */
function changeValue(t: Translate, v: unknown, names: Map<string, string>, field = ''): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'public.yes' : 'public.no');
  if (field === 'alternatesBp' && typeof v === 'number') return percent(v);
  if (typeof v === 'string') return names.get(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => changeValue(t, x, names)).join('、') || '—';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // An item of the plan ({ itemId, orgId }) or a batch ({ name, startsOn, endsOn }).
    if (typeof o.itemId === 'string') return names.get(o.itemId) ?? o.itemId;
    if (typeof o.name === 'string')
      return typeof o.startsOn === 'string' ? `${o.name}（${o.startsOn} ~ ${o.endsOn}）` : o.name;
    if (CREDIT_CLASSES.every((c) => typeof o[c] === 'number')) return ratiosText(t, o as unknown as Ratios);
    const entries = Object.entries(o);
    if (!entries.length) return t('public.plan.scopeAll');
    return entries
      .map(([k, x]) => `${codeName(t, 'public.plan.field.', k)}：${changeValue(t, x, names, k)}`)
      .join('；');
  }
  return String(v);
}

function Amendments({ plan }: { plan: PublicPlan }) {
  const { t } = useLocale();
  const { amendments } = plan;
  const names = namesOf(plan);
  if (!amendments.length) return <Empty description={t('plan.noAmendments')} />;
  return (
    <Timeline
      items={amendments.map((a) => ({
        key: a.seq,
        content: (
          <div data-testid="plan-amendment">
            <strong>{t('plan.amendmentN', { n: a.seq })}</strong>
            <span className="tp-secondary"> · {day(a.at)}</span>
            <div>
              {t('plan.reason')}：{a.reason}
            </div>
            <ul className="tp-change-fields">
              {a.changes.map((c) => (
                <li key={c.field}>
                  <span className="tp-secondary">{codeName(t, 'public.plan.field.', c.field)}</span>{' '}
                  {changeValue(t, c.before, names, c.field)} → {changeValue(t, c.after, names, c.field)}
                </li>
              ))}
            </ul>
          </div>
        ),
      }))}
    />
  );
}

export default function PlanPage() {
  const { t } = useLocale();
  const { ref = '' } = useParams();
  const path = `/api/public/plans/${encodeURIComponent(ref)}`;
  const plan = useQuery({ queryKey: [path], queryFn: () => api.get<PublicPlan>(path) });
  if (plan.isLoading) return <Loading />;
  if (plan.isError || !plan.data) return <QueryError error={plan.error} retry={() => plan.refetch()} />;
  const p = plan.data;
  const scope = scopeLines(t, p.scope);
  return (
    <>
      <PageHeader
        title={p.name}
        subtitle={
          <Space size={[8, 4]} wrap>
            <span className="tp-code">{p.code}</span>
            <Tag color={p.kind === 'joint' ? 'cyan' : 'default'}>{t(`plan.kind.${p.kind}`)}</Tag>
            {p.orgName}
          </Space>
        }
        extra={<Link to="/plans">{t('public.plans.back')}</Link>}
      />
      <Card className="tp-panel" title={t('plan.section.basic')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('plan.year')}>{p.year}</Descriptions.Item>
          <Descriptions.Item label={t('plan.period')}>
            {p.startsOn} ~ {p.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('public.plan.departments')} span={{ xs: 1, md: 2 }}>
            {p.departments.map((d) => d.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('public.plan.filedAt')}>{day(p.filedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('public.plan.publishedAt')}>{day(p.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('public.plan.scope')} span={{ xs: 1, md: 2 }}>
            <div>{t(p.directed ? 'public.plan.directed' : 'public.plan.undirected')}</div>
            {scope.length ? scope.map((line) => <div key={line}>{line}</div>) : t('public.plan.scopeAll')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card className="tp-panel" title={t('plan.section.ratios')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="plan-ratios">
          {CREDIT_CLASSES.map((c) => (
            <Descriptions.Item key={c} label={`${c} · ${t(`credit.${c}`)}`}>
              {percent(p.ratios[c])}
            </Descriptions.Item>
          ))}
          {p.ratios.U !== undefined && (
            <Descriptions.Item label={t('credit.none')}>{percent(p.ratios.U)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('plan.alternates')}>{percent(p.alternatesBp)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.byDistrict')}>
            {t(p.byDistrict ? 'public.yes' : 'public.no')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card className="tp-panel" title={t('plan.section.teams')}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label={t('plan.teamSize')}>{p.teamSize}</Descriptions.Item>
          <Descriptions.Item label={t('plan.crossOffice')}>
            {t(p.crossOffice ? 'public.yes' : 'public.no')}
            {p.crossOffice && <div className="tp-secondary">{t('plan.crossOfficeHint')}</div>}
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.excludeRecent')}>
            {p.excludeRecentMonths
              ? t('public.plan.excludeMonths', { n: p.excludeRecentMonths })
              : t('public.plan.excludeNone')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card className="tp-panel" title={t('plan.items')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('draw.noItems') }}
          columns={[
            {
              title: t('item.code'),
              dataIndex: 'code',
              render: (v: string) => <span className="tp-code">{v}</span>,
            },
            { title: t('item.name'), dataIndex: 'name' },
            {
              title: t('item.type'),
              dataIndex: 'itemType',
              render: (v: 'general' | 'key') => (
                <Tag color={v === 'key' ? 'volcano' : 'default'}>{t(`item.type.${v}`)}</Tag>
              ),
            },
            {
              title: t('item.ratio'),
              dataIndex: 'ratioBp',
              render: (bp: number | null) => (bp === null ? t('item.ratioNone') : percent(bp)),
            },
            { title: t('item.ownerDepartment'), dataIndex: 'orgName' },
          ]}
        />
      </Card>

      <Card className="tp-panel" title={t('plan.section.batches')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.batches}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('plan.batch'), dataIndex: 'name' },
            { title: t('plan.period'), key: 'period', render: (_, b) => `${b.startsOn} ~ ${b.endsOn}` },
            {
              title: t('plan.draw'),
              key: 'draw',
              render: (_, b) =>
                b.draw?.code ? (
                  <Space wrap>
                    <Link to={`/draws/${b.draw.code}`} data-testid="batch-draw">
                      {b.draw.code}
                    </Link>
                    {b.draw.status && <DrawStatusTag status={b.draw.status} />}
                  </Space>
                ) : (
                  <span className="tp-secondary">{t('public.plan.notDrawn')}</span>
                ),
            },
          ]}
        />
      </Card>

      <Card className="tp-panel" title={t('plan.section.amendments')}>
        <Amendments plan={p} />
      </Card>
    </>
  );
}
