// 后续处置: what inspections left to be done. Received (the department's inbox: acknowledge and report back a
// 移送 or 抄告, decide a 经营异常名录 proposal), sent (tracked), escalated (overdue items, for the
// coordinator), and the 经营异常名录 entries decided here (with removal).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Radio,
  Segmented,
  Space,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import type { FollowUp, ListEntry } from '../api/inspections.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { codeLabel } from '../inspections/labels.ts';
import { DeadlineTag } from '../inspections/parts.tsx';

const BOXES = ['inbox', 'sent', 'escalated', 'list'] as const;
type Box = (typeof BOXES)[number];

function FollowUpTable({ box }: { box: Exclude<Box, 'list'> }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const table = useTableState(['kind', 'open'] as const);
  const rows = usePageQuery<FollowUp>('/api/follow-ups', table, {
    box,
    kind: table.filters.kind,
    open: table.filters.open,
  });
  const [reporting, setReporting] = useState<FollowUp | null>(null);
  const [deciding, setDeciding] = useState<FollowUp | null>(null);
  const [reportForm] = Form.useForm<{ report: string }>();
  const [decideForm] = Form.useForm<{ decision: 'list' | 'dismiss'; reason?: string; listedOn?: Dayjs }>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['/api/follow-ups'] });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'acknowledge' | 'retry' }) =>
      api.post(`/api/follow-ups/${id}/${action}`),
    onSuccess: () => {
      message.success(t('fu.done'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, locale)),
  });
  const actions = (f: FollowUp) => (
    <Space wrap>
      {f.can.acknowledge && (
        <Button
          size="small"
          onClick={() => act.mutate({ id: f.id, action: 'acknowledge' })}
          data-testid="acknowledge"
        >
          {t('fu.acknowledge')}
        </Button>
      )}
      {f.can.report && (
        <Button size="small" onClick={() => setReporting(f)}>
          {t('fu.report')}
        </Button>
      )}
      {f.can.decide && (
        <Button size="small" type="primary" onClick={() => setDeciding(f)} data-testid="decide">
          {t('fu.decide')}
        </Button>
      )}
      {f.can.retry && (
        <Button size="small" onClick={() => act.mutate({ id: f.id, action: 'retry' })}>
          {t('fu.retry')}
        </Button>
      )}
      <Link to={`/publication/${f.inspectionId}`}>{t('fu.record')}</Link>
    </Space>
  );
  const columns: TableColumnsType<FollowUp> = [
    {
      title: t('fu.item'),
      dataIndex: 'code',
      render: (_: unknown, f) => (
        <div data-testid="follow-up" data-kind={f.kind} data-status={f.status}>
          <Space size={[4, 4]} wrap>
            <Tag color="purple">{t(`fu.kind.${f.kind}`)}</Tag>
            <Tag>{t(`fu.status.${f.status}`)}</Tag>
            {f.outcome && <Tag color="green">{t(`fu.outcome.${f.outcome}` as 'fu.outcome.listed')}</Tag>}
            {f.escalatedAt && <Tag color="red">{t('fu.escalated')}</Tag>}
          </Space>
          <div>
            <strong>{f.entity.name}</strong>
          </div>
          <div className="tp-secondary">
            <span className="tp-code">{f.code}</span> · {f.from.name} → {f.to.name} · {f.taskCode}
            {f.cause ? ` · ${codeLabel(locale, f.cause)}` : ''}
          </div>
          {f.note && <div className="tp-secondary">{f.note}</div>}
          {f.recheckTask && (
            <div className="tp-secondary">{t('fu.recheckTask', { code: f.recheckTask.code })}</div>
          )}
          {f.orderDueOn && <div className="tp-secondary">{t('fu.orderDue', { date: f.orderDueOn })}</div>}
          {f.report && <div className="tp-secondary">{t('fu.reported', { report: f.report })}</div>}
          {f.decisionNote && <div className="tp-secondary">{f.decisionNote}</div>}
          {f.detail?.error && (
            <div className="tp-secondary">{locale === 'en' ? f.detail.errorEn : f.detail.error}</div>
          )}
          {phone && (
            <div style={{ marginTop: 6 }}>
              <DeadlineTag deadline={f.deadline} />
              <div style={{ marginTop: 6 }}>{actions(f)}</div>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('fu.deadline'),
      dataIndex: 'deadline',
      responsive: ['md'],
      render: (_: unknown, f) => <DeadlineTag deadline={f.deadline} />,
    },
    {
      title: t('common.actions'),
      dataIndex: 'can',
      responsive: ['md'],
      render: (_: unknown, f) => actions(f),
    },
  ];
  return (
    <>
      <PagedTable
        table={table}
        result={rows}
        columns={columns}
        rowKey="id"
        selects={[
          {
            filter: 'kind',
            placeholder: t('fu.allKinds'),
            options: (
              ['recheck', 'case_referral', 'notify', 'abnormal_list_proposal', 'alternate'] as const
            ).map((k) => ({
              value: k,
              label: t(`fu.kind.${k}`),
            })),
          },
          {
            filter: 'open',
            placeholder: t('fu.allStates'),
            options: [
              { value: 'true', label: t('fu.open') },
              { value: 'false', label: t('fu.closed') },
            ],
          },
        ]}
      />
      <FormModal
        open={!!reporting}
        title={t('fu.reportTitle')}
        okText={t('fu.report')}
        form={reportForm}
        submit={(v) => api.post(`/api/follow-ups/${reporting!.id}/report`, v)}
        onSuccess={refresh}
        onClose={() => setReporting(null)}
      >
        <Form.Item name="report" label={t('fu.reportText')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!deciding}
        title={t('fu.decideTitle')}
        okText={t('fu.decide')}
        form={decideForm}
        intro={
          deciding && (
            <p>{`${deciding.entity.name} · ${deciding.cause ? codeLabel(locale, deciding.cause) : ''}`}</p>
          )
        }
        submit={(v) =>
          api.post(`/api/follow-ups/${deciding!.id}/decide`, {
            decision: v.decision,
            reason: v.reason,
            listedOn: v.listedOn?.format('YYYY-MM-DD'),
          })
        }
        onSuccess={refresh}
        onClose={() => setDeciding(null)}
      >
        <Form.Item name="decision" label={t('fu.decision')} initialValue="list" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'list', label: t('fu.decision.list') },
              { value: 'dismiss', label: t('fu.decision.dismiss') },
            ]}
          />
        </Form.Item>
        <Form.Item name="listedOn" label={t('fu.listedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('fu.reason')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function ListEntries() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const table = useTableState(['active'] as const);
  const rows = usePageQuery<ListEntry>('/api/list-entries', table, { active: table.filters.active });
  const [removing, setRemoving] = useState<ListEntry | null>(null);
  const [form] = Form.useForm<{ removedOn: Dayjs; reason: string }>();
  const columns: TableColumnsType<ListEntry> = [
    {
      title: t('entity.name'),
      dataIndex: 'entity_name',
      render: (name: string, e) => (
        <>
          <strong>{name}</strong>
          <div className="tp-secondary">
            <span className="tp-code">{e.identifier}</span>
          </div>
          <div className="tp-secondary">{e.cause_text}</div>
        </>
      ),
    },
    {
      title: t('fu.listedOn'),
      dataIndex: 'listed_on',
      render: (on: string, e) => (
        <>
          {on} · {e.decided_by_name}
          {e.removed_on && (
            <div className="tp-secondary">
              {t('fu.removedOn', { date: e.removed_on, reason: e.removal_reason ?? '' })}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('common.actions'),
      dataIndex: 'id',
      render: (_: string, e) =>
        !e.removed_on &&
        user.role === 'dept_admin' && (
          <Button size="small" onClick={() => setRemoving(e)}>
            {t('fu.remove')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PagedTable
        table={table}
        result={rows}
        columns={columns}
        rowKey="id"
        selects={[
          {
            filter: 'active',
            placeholder: t('fu.allEntries'),
            options: [
              { value: 'true', label: t('fu.listed') },
              { value: 'false', label: t('fu.removed') },
            ],
          },
        ]}
      />
      <FormModal
        open={!!removing}
        title={t('fu.removeTitle')}
        okText={t('fu.remove')}
        form={form}
        submit={(v) =>
          api.post(`/api/list-entries/${removing!.id}/remove`, {
            removedOn: v.removedOn.format('YYYY-MM-DD'),
            reason: v.reason,
          })
        }
        onSuccess={() => void queryClient.invalidateQueries({ queryKey: ['/api/list-entries'] })}
        onClose={() => setRemoving(null)}
      >
        <Form.Item name="removedOn" label={t('fu.removedOnLabel')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('fu.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormModal>
    </>
  );
}

export default function FollowUpsPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const [box, setBox] = useState<Box>(user.role === 'coordinator' ? 'escalated' : 'inbox');
  return (
    <>
      <PageHeader title={t('nav.followUps')} subtitle={t('fu.subtitle')} />
      <Segmented
        block
        value={box}
        onChange={(v) => setBox(v as Box)}
        options={BOXES.map((b) => ({ value: b, label: t(`fu.box.${b}`) }))}
        style={{ marginBottom: 12 }}
      />
      {box === 'list' ? <ListEntries /> : <FollowUpTable key={box} box={box} />}
    </>
  );
}
