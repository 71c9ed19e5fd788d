// How a draw is shown, the same to staff and to the public: its commitment and sources, the
// reveal and seed, counts per stratum, the picks with their tasks and teams, and the adjustments.
// Shared by the staff app and the public portal, so it imports neither's pages or layout.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { Adjustment, DrawRow, DrawStatus, PickRow, PublicDraw } from '../api/draws.ts';
import type { Page } from '../api/types.ts';
import { type Translate, useLocale } from '../i18n/index.tsx';

const STATUS_COLOR: Record<DrawStatus, string> = {
  committed: 'processing',
  revealed: 'warning',
  completed: 'success',
  abandoned: 'default',
};

export function DrawStatusTag({ status }: { status: DrawStatus }) {
  const { t } = useLocale();
  return <Tag color={STATUS_COLOR[status]}>{t(`draw.status.${status}`)}</Tag>;
}

/** Digests are long: they break anywhere rather than widen the page. */
export const HEX = {
  wordBreak: 'break-all',
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
} as const;

const time = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');

/** A digest or seed: monospaced, copyable, broken anywhere so it never widens the page. */
export const Hex = ({ value }: { value: string | null | undefined }) =>
  value ? (
    <Typography.Text code copyable style={HEX}>
      {value}
    </Typography.Text>
  ) : (
    <>—</>
  );

/** A declared source, and what it turned out to be once revealed. */
export function sourceText(t: Translate, draw: PublicDraw, i: number): ReactNode {
  const source = draw.commitment.sources[i];
  const reveal = draw.reveal?.[i];
  switch (source.kind) {
    case 'values':
      return (
        <>
          {t('draw.source.values')}：{source.description}
          {reveal?.kind === 'values' && (
            <div>
              {t('draw.revealedValues')}：{reveal.groups.map((g) => g.join(' ')).join(' / ')}
            </div>
          )}
        </>
      );
    case 'drand':
      return (
        <>
          {t('draw.source.drand', { round: source.round })}
          <div className="tp-secondary" style={HEX}>
            {source.chain}
          </div>
          {reveal?.kind === 'drand' && (
            <div>
              randomness <Hex value={reveal.randomness} />
            </div>
          )}
        </>
      );
    case 'secret':
      return (
        <>
          {t('draw.source.secret')} <Hex value={source.sha256} />
          {reveal?.kind === 'secret' && (
            <div>
              {t('draw.revealedSecret')} <Hex value={reveal.secret_hex} />
            </div>
          )}
        </>
      );
  }
}

/**
 * What a reader must see first about a draw's place in the chain of draws of its batch: abandoned
 * (with the reason and the draw that replaced it), or replacing an abandoned one.
 */
export function DrawNotices({
  draw,
  linkTo,
}: {
  draw: PublicDraw;
  /** The address of another draw, as the page's own router spells it. */
  linkTo: (other: { id: string; code: string }) => string;
}) {
  const { t } = useLocale();
  return (
    <>
      {draw.status === 'abandoned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('draw.abandonedAt', { at: dayjs(draw.abandonedAt).format('YYYY-MM-DD HH:mm') })}
          description={
            <>
              {t('draw.abandonReason')}：{draw.abandonedReason}
              {draw.replacedBy && (
                <div>
                  {t('draw.replacedBy')} <Link to={linkTo(draw.replacedBy)}>{draw.replacedBy.code}</Link>
                </div>
              )}
            </>
          }
        />
      )}
      {draw.replaces && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t('draw.replaces')} <Link to={linkTo(draw.replaces)}>{draw.replaces.code}</Link>
            </>
          }
        />
      )}
    </>
  );
}

/** The columns of a list of draws, linking each to its page. */
export function drawListColumns(t: Translate, linkTo: (draw: DrawRow) => string): TableColumnsType<DrawRow> {
  return [
    {
      title: t('draw.code'),
      dataIndex: 'code',
      render: (code: string, d) => (
        <Link to={linkTo(d)} data-testid="draw-link">
          {code}
        </Link>
      ),
    },
    { title: t('draw.plan'), key: 'plan', render: (_, d) => `${d.planName}（${d.batchName}）` },
    { title: t('plan.org'), dataIndex: 'orgName', responsive: ['lg'] },
    {
      title: t('draw.statusLabel'),
      key: 'status',
      render: (_, d) => (
        <>
          <DrawStatusTag status={d.status} />
          {d.abandonedReason && <div className="tp-secondary">{d.abandonedReason}</div>}
        </>
      ),
    },
    {
      title: t('draw.committedAt'),
      dataIndex: 'committedAt',
      responsive: ['md'],
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('draw.tasks'),
      key: 'tasks',
      render: (_, d) =>
        d.counts ? t('draw.tasksSummary', { tasks: d.counts.tasks, unassigned: d.counts.unassigned }) : '—',
    },
  ];
}

/** The commitment, the sources and, once revealed, the seed. */
export function CommitmentCard({ draw }: { draw: PublicDraw }) {
  const { t } = useLocale();
  const p = draw.parameters;
  return (
    <Card className="tp-panel" title={t('draw.commitment')}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('draw.plan')}>
          {p.plan.name}（{p.plan.code}）· {p.batch.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.departments')}>
          {p.departments.map((d) => d.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.committedAt')}>
          {time(draw.committedAt)}
          {draw.auditSeq !== null && (
            <span className="tp-secondary"> · {t('draw.auditSeq', { seq: draw.auditSeq })}</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.commitmentDigest')}>
          <Hex value={draw.commitmentDigest} />
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.frameDigest')}>
          <Hex value={draw.commitment.frame_digest} />
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.rosterDigest')}>
          <Hex value={draw.commitment.roster_digest} />
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.teamSize')}>{draw.commitment.team_size}</Descriptions.Item>
        {draw.commitment.sources.map((_, i) => (
          // Sources are fixed in the commitment: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: declared order is the key
          <Descriptions.Item key={i} label={t('draw.sourceN', { n: i + 1 })}>
            {sourceText(t, draw, i)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('draw.seed')}>
          <Hex value={draw.seedHex} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The rules the draw applied, as published with its commitment. */
export function RulesCard({ draw }: { draw: PublicDraw }) {
  const { locale, t } = useLocale();
  const p = draw.parameters;
  const lang = locale === 'en' ? 'en' : 'zh';
  const scope = [
    p.frame.scope.regions?.length ? `${t('plan.scope.regions')}：${p.frame.scope.regions.join('、')}` : null,
    p.frame.scope.kinds?.length
      ? `${t('plan.scope.kinds')}：${p.frame.scope.kinds.map((k) => t(`entity.kind.${k}`)).join('、')}`
      : null,
    p.frame.scope.industries?.length
      ? `${t('plan.scope.industries')}：${p.frame.scope.industries.join('、')}`
      : null,
    p.frame.scope.tags?.length ? `${t('plan.scope.tags')}：${p.frame.scope.tags.join('、')}` : null,
  ].filter(Boolean);
  return (
    <Card className="tp-panel" title={t('draw.rules')}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('draw.frameRule')}>
          {p.frame.rule[lang]}
          {scope.length > 0 && <div>{scope.join('；')}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.exclusion')}>
          {p.frame.exclusion[lang]}
          {p.frame.exclusion.applies && (
            <div>{t('draw.excludedCount', { count: p.frame.exclusion.excluded })}</div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.creditSnapshot')}>
          {p.credit_snapshot
            ? t('draw.creditSnapshotAt', { at: new Date(p.credit_snapshot.finished_at).toLocaleString() })
            : t('draw.creditSnapshotNone')}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.items')}>
          {p.items.length
            ? p.items.map((i) => `${i.name}（${t(`plan.itemType.${i.item_type}`)}）`).join('、')
            : t('draw.noItems')}
        </Descriptions.Item>
        <Descriptions.Item label={t('draw.teamRule')}>{p.teams.rule[lang]}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Counts per stratum as committed, with what was drawn. */
export function StrataTable({ draw }: { draw: PublicDraw }) {
  const { t } = useLocale();
  const rows = draw.commitment.strata.map((s, h) => ({ ...s, h, ratio: draw.parameters.ratios }));
  return (
    <Table
      size="small"
      rowKey="h"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('draw.stratum'), dataIndex: 'label', render: (label: string) => <strong>{label}</strong> },
        { title: t('draw.size'), dataIndex: 'size', align: 'right' },
        { title: t('draw.sample'), dataIndex: 'sample', align: 'right' },
        { title: t('draw.alternates'), dataIndex: 'alternates', align: 'right' },
      ]}
      summary={(data) => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('draw.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {data.reduce((n, s) => n + s.size, 0)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {data.reduce((n, s) => n + s.sample, 0)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {data.reduce((n, s) => n + s.alternates, 0)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** The reasoned events after the draw, in order. */
export function AdjustmentsList({ adjustments }: { adjustments: Adjustment[] }) {
  const { t } = useLocale();
  if (adjustments.length === 0) return <Empty description={t('draw.noAdjustments')} />;
  return (
    <Table<Adjustment>
      size="small"
      rowKey="seq"
      pagination={false}
      dataSource={adjustments}
      columns={[
        { title: '#', dataIndex: 'seq', width: 48 },
        {
          title: t('draw.adjustment.kind'),
          dataIndex: 'kind',
          render: (kind: string) => t(`draw.adjustment.${kind}` as 'draw.adjustment.kind'),
        },
        { title: t('draw.task'), dataIndex: 'task_code' },
        { title: t('draw.adjustment.reason'), dataIndex: 'reason' },
        {
          title: t('draw.adjustment.detail'),
          key: 'detail',
          render: (_, a) =>
            a.kind === 'replace_entity' ? (
              <>
                {t('draw.adjustment.entityDetail', {
                  replaced: a.detail.replaced,
                  alternate: a.detail.alternate,
                })}
                {a.new_task_code && (
                  <div className="tp-secondary">
                    {t('draw.adjustment.newTask', { code: a.new_task_code })}
                  </div>
                )}
                {a.detail.teams.map((team) => (
                  <div key={team.department} className="tp-secondary">
                    {team.department}：{team.team.length ? team.team.join('、') : t('draw.unassigned')}（
                    {t('draw.eligibleCount', { count: team.eligible.length })}）
                  </div>
                ))}
              </>
            ) : (
              t('draw.adjustment.inspectorDetail', {
                removed: a.detail.removed,
                added: a.detail.added ?? t('draw.nobody'),
                count: a.detail.eligible.length,
              })
            ),
        },
        {
          title: t('draw.adjustment.purpose'),
          dataIndex: 'purpose',
          render: (p: string) => <code>{p}</code>,
        },
        { title: t('draw.adjustment.at'), dataIndex: 'created_at', render: time },
      ]}
      scroll={{ x: 'max-content' }}
    />
  );
}

const TASK_COLOR = { assigned: 'success', unassigned: 'error', cancelled: 'default' } as const;

/**
 * The drawn businesses with their tasks and teams (certificate numbers, lead first), one page at a
 * time, by stratum or only the unassigned ones. `actions` adds a column (the staff's adjustments).
 */
export function PicksTable({ draw, actions }: { draw: PublicDraw; actions?: (row: PickRow) => ReactNode }) {
  const { t } = useLocale();
  const [h, setH] = useState<number | undefined>();
  const [unassigned, setUnassigned] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const path = `/api/public/draws/${draw.id}/picks`;
  const query = { h, status: unassigned ? 'unassigned' : undefined, page, pageSize };
  const picks = useQuery({
    queryKey: [path, query],
    queryFn: () => api.get<Page<PickRow>>(path, query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<PickRow> = [
    { title: t('draw.stratum'), dataIndex: 'stratum', width: 64 },
    {
      title: t('draw.pick'),
      key: 'rank',
      render: (_, r) =>
        r.selected ? (
          t('draw.pickN', { n: r.rank + 1 })
        ) : (
          // Alternates follow the stratum's sample in pick order: the first is alternate 1.
          <Tag>{t('draw.alternateN', { n: r.rank - draw.commitment.strata[r.h].sample + 1 })}</Tag>
        ),
    },
    {
      title: t('draw.business'),
      key: 'business',
      render: (_, r) => (
        <>
          <div>{r.name}</div>
          <div className="tp-secondary">{r.identifier}</div>
        </>
      ),
    },
    {
      title: t('draw.task'),
      key: 'task',
      render: (_, r) =>
        r.taskCode ? (
          <>
            {r.taskCode} <Tag color={TASK_COLOR[r.taskStatus!]}>{t(`task.status.${r.taskStatus!}`)}</Tag>
            {r.statusReason && <div className="tp-secondary">{r.statusReason}</div>}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('draw.team'),
      dataIndex: 'team',
      render: (team: string[]) =>
        team.length ? (
          <span data-testid="team">
            {team.map((id, i) => (
              <div key={id}>
                {id}
                {i === 0 && <Tag style={{ marginLeft: 4 }}>{t('draw.lead')}</Tag>}
              </div>
            ))}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  if (actions) columns.push({ title: t('common.actions'), key: 'actions', render: (_, r) => actions(r) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 140 }}
          placeholder={t('draw.allStrata')}
          allowClear
          value={h}
          onChange={(value) => {
            setH(value);
            setPage(1);
          }}
          options={draw.commitment.strata.map((s, i) => ({ value: i, label: s.label }))}
        />
        <Select
          style={{ minWidth: 160 }}
          value={unassigned ? 'unassigned' : 'all'}
          onChange={(value) => {
            setUnassigned(value === 'unassigned');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('draw.allPicks') },
            { value: 'unassigned', label: t('draw.onlyUnassigned') },
          ]}
        />
      </Space>
      {picks.isError && <Alert type="error" showIcon title={String(picks.error)} />}
      <Table<PickRow>
        size="small"
        rowKey={(r) => `${r.h}:${r.rank}`}
        loading={picks.isFetching}
        dataSource={picks.data?.rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: picks.data?.total,
          showSizeChanger: true,
          showTotal: (count) => t('table.total', { count }),
          onChange: (next, size) => {
            setPage(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </>
  );
}
