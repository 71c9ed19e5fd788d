// 现场检查: one task on the inspector's phone. Everything typed or photographed goes to the phone first
// (IndexedDB) and is synced when the network allows; the page shows the record as the phone holds it.
import {
  ArrowLeftOutlined,
  CameraOutlined,
  EnvironmentOutlined,
  PaperClipOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { numberedContents } from '../../../src/core/checklist/content.ts';
import { submissionProblems } from '../../../src/core/inspections/rules.ts';
import type { Disposition } from '../../../src/core/results/codes.ts';
import { ApiError, api, errorText } from '../api/client.ts';
import type { Consolidated, InspectionRecord, Location, Method, TaskView } from '../api/inspections.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLocale } from '../i18n/index.tsx';
import {
  codeLabel,
  dispositionLabel,
  METHODS,
  mapUrl,
  methodLabel,
  pick,
  shortTime,
} from '../inspections/labels.ts';
import {
  ChecklistWalk,
  CodesPicker,
  CodeTags,
  DeadlineTag,
  DispositionPicker,
  EvidenceList,
  History,
  Problems,
  StatusTag,
  SyncIndicator,
  TargetSelect,
} from '../inspections/parts.tsx';
import { nextSeq, store, uuid } from '../offline/store.ts';
import { discard, flush, queueUpload, useSyncState } from '../offline/sync.ts';
import { type Edit, useInspection } from '../offline/useInspection.ts';

const MAX_BYTES = 15 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const DOCUMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Where the phone is, when it can tell within a few seconds; nothing otherwise. */
function here(): Promise<Location | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const give = window.setTimeout(() => resolve(null), 5000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        window.clearTimeout(give);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) });
      },
      () => {
        window.clearTimeout(give);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: 5000, maximumAge: 60_000 },
    );
  });
}

/** A small JPEG of a photo, made in the browser (the server has no image library). */
async function thumbnailOf(file: Blob): Promise<Blob | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 320 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', 0.75));
  } catch {
    return null;
  }
}

/** The file's SHA-256, for the server to check it arrived whole (only in secure contexts). */
async function sha256Of(file: Blob): Promise<string | null> {
  if (!window.isSecureContext || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function TextField({
  value,
  editable,
  onSave,
  placeholder,
  testId,
}: {
  value: string;
  editable: boolean;
  onSave: (value: string) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [text, setText] = useState(value);
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) setText(value);
  }, [value]);
  return (
    <Input.TextArea
      value={text}
      disabled={!editable}
      placeholder={placeholder}
      autoSize={{ minRows: 2, maxRows: 6 }}
      onChange={(e) => {
        typing.current = true;
        setText(e.target.value);
      }}
      onBlur={() => {
        typing.current = false;
        if (text !== value) onSave(text);
      }}
      data-testid={testId}
    />
  );
}

function Overview({
  view,
  record,
  editable,
  edit,
}: {
  view: TaskView;
  record: InspectionRecord;
  editable: boolean;
  edit: (e: Edit[]) => void;
}) {
  const { locale, t } = useLocale();
  const [channel, setChannel] = useState<string>('phone');
  const [noticeNote, setNoticeNote] = useState('');
  const [locating, setLocating] = useState(false);
  const field = (name: string, value: unknown) => edit([{ kind: 'field', field: name, value }]);
  const e = view.entity;
  const visit = METHODS.find((m) => m.code === record.method)?.visit ?? true;
  // Off-site methods (书面, 网络监测, …) record the time only: there is no place to be.
  const stamp = async (name: 'start' | 'end') => {
    setLocating(true);
    const at = new Date().toISOString();
    const location = visit ? await here() : null;
    setLocating(false);
    field(name, { at, location });
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('insp.task.business')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'id',
              label: t('entity.identifier'),
              children: <span className="tp-code">{e.identifier}</span>,
            },
            { key: 'address', label: t('insp.task.address'), children: e.address ?? '—' },
            { key: 'rep', label: t('insp.task.legalRep'), children: e.legalRep ?? '—' },
            {
              key: 'task',
              label: t('insp.task.code'),
              children: <span className="tp-code">{view.task.code}</span>,
            },
            ...(view.task.plan
              ? [{ key: 'plan', label: t('insp.task.plan'), children: view.task.plan.name }]
              : []),
            ...(view.task.deadline
              ? [{ key: 'deadline', label: t('insp.task.deadline'), children: view.task.deadline }]
              : []),
          ]}
        />
        <div className="tp-task-actions" style={{ marginTop: 8 }}>
          {e.phone && (
            <Button href={`tel:${e.phone}`} icon={<PhoneOutlined />}>
              {t('insp.task.call')}
            </Button>
          )}
          {e.address && (
            <Button href={mapUrl(e.address)} target="_blank" rel="noreferrer" icon={<EnvironmentOutlined />}>
              {t('insp.task.navigate')}
            </Button>
          )}
        </div>
      </Card>

      <Card size="small" title={t('insp.task.itemsAndTeam')}>
        {view.items.length === 0 && <div className="tp-secondary">{t('insp.task.noItems')}</div>}
        <ul className="tp-rows">
          {view.items.map((item) => {
            const checklist = view.checklists.find((c) => c.itemId === item.id);
            return (
              <li key={item.id}>
                <span className="tp-code">{item.code}</span> {item.name}
                <div className="tp-secondary">
                  {item.category} ·{' '}
                  {checklist
                    ? t('insp.checklist.version', { version: checklist.version })
                    : t('insp.checklist.none')}
                </div>
              </li>
            );
          })}
        </ul>
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('insp.task.team')}
        </Typography.Text>
        <Space size={[4, 4]} wrap data-testid="team">
          {view.team.map((m) => (
            <Tag key={m.certNo} color={m.lead ? 'gold' : undefined} data-lead={m.lead}>
              {m.lead ? '★ ' : ''}
              {m.name}
              {m.me ? ` (${t('insp.team.me')})` : ''}
              {view.departments.length > 1 ? ` · ${m.orgName}` : ''}
            </Tag>
          ))}
        </Space>
      </Card>

      <Card size="small" title={t('insp.task.method')}>
        <Radio.Group
          value={record.method}
          disabled={!editable}
          onChange={(ev) => field('method', ev.target.value as Method)}
          options={METHODS.map((m) => ({ value: m.code, label: pick(locale, m) }))}
          data-testid="method"
        />
        {!visit && (
          <div className="tp-secondary" style={{ marginTop: 6 }}>
            {t('insp.task.offsite')}
          </div>
        )}
        <span className="tp-field-label">{t('insp.task.plannedOn')}</span>
        <Input
          type="date"
          value={record.plannedOn ?? ''}
          disabled={!editable}
          onChange={(ev) => field('plannedOn', ev.target.value || null)}
        />
      </Card>

      <Card size="small" title={t('insp.notice.title')}>
        {record.notice ? (
          <div data-testid="notice">
            {t('insp.notice.done', {
              time: shortTime(record.notice.at),
              channel: t(`insp.notice.channel.${record.notice.channel}`),
            })}
            {record.notice.note ? `：${record.notice.note}` : ''}
          </div>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div className="tp-secondary">{t('insp.notice.optional')}</div>
            <Select
              value={channel}
              disabled={!editable}
              onChange={setChannel}
              options={(['phone', 'sms', 'written', 'onsite', 'other'] as const).map((c) => ({
                value: c,
                label: t(`insp.notice.channel.${c}`),
              }))}
            />
            <Input
              value={noticeNote}
              disabled={!editable}
              placeholder={t('insp.notice.notePlaceholder')}
              onChange={(ev) => setNoticeNote(ev.target.value)}
            />
            <Button
              disabled={!editable}
              onClick={() => field('notice', { at: new Date().toISOString(), channel, note: noticeNote })}
            >
              {t('insp.notice.record')}
            </Button>
          </Space>
        )}
      </Card>

      <Card size="small" title={t('insp.visit.title')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div data-testid="visit-start">
            {record.start
              ? t('insp.visit.started', { time: shortTime(record.start.at) }) +
                (record.start.location
                  ? ` · ${t('insp.visit.located', { accuracy: record.start.location.accuracy ?? '?' })}`
                  : '')
              : t('insp.visit.notStarted')}
          </div>
          {record.end && <div>{t('insp.visit.ended', { time: shortTime(record.end.at) })}</div>}
          {editable && !record.start && (
            <Button
              type="primary"
              loading={locating}
              onClick={() => stamp('start')}
              data-testid="start-visit"
            >
              {t('insp.visit.start')}
            </Button>
          )}
          {editable && record.start && !record.end && (
            <Button loading={locating} onClick={() => stamp('end')} data-testid="end-visit">
              {t('insp.visit.end')}
            </Button>
          )}
        </Space>
      </Card>

      {view.previous.length > 0 && (
        <Card size="small" title={t('insp.task.previous')}>
          <ul className="tp-rows">
            {view.previous.map((p) => (
              <li key={p.id}>
                <div>
                  {p.endedOn ?? '—'} · {p.orgName} · {methodLabel(locale, p.method)}
                </div>
                <CodeTags codes={p.codes} />
                <div className="tp-secondary">{dispositionLabel(locale, p.disposition)}</div>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {view.task.joint && view.departments.find((d) => d.id === view.orgId)?.lead && (
        <JointCard taskId={view.task.id} />
      )}
    </Space>
  );
}

function JointCard({ taskId }: { taskId: string }) {
  const { locale, t } = useLocale();
  const joint = useQuery({
    queryKey: ['/api/tasks', taskId, 'consolidated'],
    queryFn: () => api.get<Consolidated>(`/api/tasks/${taskId}/consolidated`),
  });
  if (!joint.data) return null;
  return (
    <Card size="small" title={t('insp.joint.title')} data-testid="consolidated">
      <CodeTags codes={joint.data.codes} />
      <ul className="tp-rows">
        {joint.data.departments.map((d) => (
          <li key={d.orgId}>
            <Space wrap>
              <strong>{d.orgName}</strong>
              {d.lead && <Tag color="gold">{t('insp.joint.lead')}</Tag>}
              {d.status ? <StatusTag status={d.status} /> : <Tag>{t('insp.joint.notStarted')}</Tag>}
            </Space>
            <div className="tp-secondary">
              {d.items.map((i) => i.name).join('、') || '—'} · {methodLabel(locale, d.method)}
            </div>
            <div className="tp-secondary">
              {t('insp.joint.findings', {
                compliant: d.findings.compliant,
                not: d.findings.not,
                na: d.findings.na,
                unmarked: d.findings.unmarked,
              })}
            </div>
            <CodeTags codes={d.codes} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ResultTab({
  record,
  editable,
  edit,
}: {
  record: InspectionRecord;
  editable: boolean;
  edit: (e: Edit[]) => void;
}) {
  const { t } = useLocale();
  const targets = useQuery({
    queryKey: ['/api/inspections/targets'],
    queryFn: () => api.get<{ id: string; name: string }[]>('/api/inspections/targets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const field = (name: string, value: unknown) => edit([{ kind: 'field', field: name, value }]);
  const ordersDeadline = record.disposition === 'order_correct' || record.codes.includes('B');
  const refers = record.disposition === 'case_referral' || record.disposition === 'notify_other';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('insp.result.codes')}>
        <CodesPicker codes={record.codes} editable={editable} onChange={(codes) => field('codes', codes)} />
      </Card>
      <Card size="small" title={t('insp.result.disposition')}>
        <DispositionPicker
          value={record.disposition}
          editable={editable}
          onChange={(d) => field('disposition', d as Disposition)}
        />
        {ordersDeadline && (
          <>
            <span className="tp-field-label">
              {record.codes.includes('B') ? t('insp.result.publishDue') : t('insp.result.correctionDue')}
            </span>
            <Input
              type="date"
              value={record.correctionDueOn ?? ''}
              disabled={!editable}
              onChange={(ev) => field('correctionDueOn', ev.target.value || null)}
              data-testid="correction-due"
            />
          </>
        )}
        {refers && (
          <>
            <span className="tp-field-label">
              {record.disposition === 'case_referral' ? t('insp.result.referTo') : t('insp.result.notifyTo')}
            </span>
            <TargetSelect
              value={record.followUpOrg?.id ?? null}
              targets={targets.data ?? []}
              editable={editable}
              onChange={(id) => field('followUpOrgId', id)}
            />
          </>
        )}
        <span className="tp-field-label">{t('insp.result.dispositionNote')}</span>
        <TextField
          value={record.dispositionNote}
          editable={editable}
          onSave={(v) => field('dispositionNote', v)}
          placeholder={t('insp.result.dispositionNotePlaceholder')}
        />
      </Card>
      <Card size="small" title={t('insp.result.summary')}>
        <TextField
          value={record.summary}
          editable={editable}
          onSave={(v) => field('summary', v)}
          placeholder={t('insp.result.summaryPlaceholder')}
          testId="summary"
        />
      </Card>
    </Space>
  );
}

export default function InspectTaskPage({ taskId }: { taskId: string }) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const sync = useSyncState();
  const { view, record, loaded, error, queue, uploads, notices, edit, refresh, dismissNotices } =
    useInspection(taskId, user);
  const [tab, setTab] = useState('overview');
  const [submitting, setSubmitting] = useState(false);
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const photoTarget = useRef<{ checklistId: string; contentNo: string } | null>(null);

  const problems = useMemo(() => {
    if (!view || !record) return [];
    const numbers = new Set(
      view.checklists.flatMap((c) => numberedContents(c.content).map((n) => `${c.id}/${n.number}`)),
    );
    const marked = record.findings.filter((f) => numbers.has(`${f.checklistId}/${f.contentNo}`));
    return submissionProblems({
      method: record.method,
      codes: record.codes,
      disposition: record.disposition,
      dispositionNote: record.dispositionNote,
      correctionDueOn: record.correctionDueOn,
      followUpOrgId: record.followUpOrg?.id ?? null,
      endedOn: record.endedOn,
      contents: numbers.size,
      marked: marked.length,
      notCompliant: marked.filter((f) => f.result === 'not').length,
    });
  }, [view, record]);

  if (!view || !record) {
    if (!loaded) return <Loading />;
    return (
      <>
        <PageHeader title={t('nav.myTasks')} extra={<SyncIndicator />} />
        {error ? (
          <QueryError error={error} retry={refresh} />
        ) : (
          <Empty description={t('insp.task.notCached')} />
        )}
      </>
    );
  }

  const editable = view.can.edit;
  const pending = queue.filter((c) => !c.error).length + uploads.filter((u) => !u.error).length;

  const addFiles = async (files: FileList | null, kind: 'photo' | 'document') => {
    const target = photoTarget.current;
    photoTarget.current = null;
    for (const file of Array.from(files ?? [])) {
      const allowed = kind === 'photo' ? PHOTO_TYPES : [...PHOTO_TYPES, ...DOCUMENT_TYPES];
      if (!allowed.includes(file.type)) {
        message.error(t('insp.evidence.badType', { name: file.name }));
        continue;
      }
      if (file.size > MAX_BYTES) {
        message.error(t('insp.evidence.tooLarge', { name: file.name }));
        continue;
      }
      const capturedAt = new Date().toISOString();
      const [thumbnail, sha256, location] = await Promise.all([
        PHOTO_TYPES.includes(file.type) ? thumbnailOf(file) : Promise.resolve(null),
        sha256Of(file),
        kind === 'photo' ? here() : Promise.resolve(null),
      ]);
      await queueUpload({
        id: uuid(),
        taskId,
        seq: nextSeq(),
        file,
        fileName: file.name || `photo-${capturedAt}.jpg`,
        mediaType: file.type,
        thumbnail,
        sha256,
        capturedAt,
        location,
        checklistId: target?.checklistId ?? null,
        contentNo: target?.contentNo ?? null,
        note: '',
      });
    }
  };

  const submit = async () => {
    setSubmitting(true);
    try {
      await flush();
      // The version the phone holds after its last sync: the server refuses a stale one.
      const latest = await store.get('tasks', taskId);
      await api.post(`/api/tasks/${taskId}/inspection/submit`, {
        version: latest?.view.record?.version ?? 0,
      });
      message.success(t('insp.submit.done'));
      await refresh();
    } catch (e) {
      message.error(errorText(e, locale));
      if (e instanceof ApiError && e.status === 409) await refresh();
    } finally {
      setSubmitting(false);
    }
  };

  const failedChanges = queue.filter((c) => c.error);
  const canSubmit = view.can.submit && sync.online && pending === 0 && problems.length === 0;

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/my-tasks">
          <ArrowLeftOutlined /> {t('nav.myTasks')}
        </Link>
      </div>
      <PageHeader
        title={view.entity.name}
        subtitle={
          <Space size={[4, 4]} wrap>
            <StatusTag status={record.status} />
            {view.task.recheckOf && <Tag color="purple">{t('insp.task.recheck')}</Tag>}
            <DeadlineTag deadline={record.deadline} />
          </Space>
        }
        extra={<SyncIndicator />}
      />
      {record.status === 'returned' && record.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('insp.returned', { reason: record.returnReason })}
          data-testid="return-reason"
        />
      )}
      {view.task.status === 'cancelled' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={view.task.statusReason ?? ''} />
      )}
      {notices &&
        (notices.conflicts.length > 0 || notices.overwritten.length > 0 || notices.rejected.length > 0) && (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: dismissNotices }}
            style={{ marginBottom: 12 }}
            data-testid="sync-notices"
            title={t('insp.sync.noticesTitle')}
            description={
              <ul className="tp-problem-list">
                {notices.conflicts.map((c) => (
                  <li key={c.id}>
                    {t('insp.sync.conflict', {
                      field: t(`insp.field.${c.field}` as 'insp.field.codes'),
                      by: c.by,
                      theirs:
                        c.field === 'codes'
                          ? (c.theirs as string[]).map((x) => codeLabel(locale, x)).join('、')
                          : String(c.theirs ?? '—'),
                    })}{' '}
                    <Button
                      size="small"
                      type="link"
                      onClick={() => edit([{ kind: 'field', field: c.field, value: c.yours }])}
                    >
                      {t('insp.sync.useMine')}
                    </Button>
                  </li>
                ))}
                {notices.overwritten.map((o) => (
                  <li key={o.id}>
                    {t('insp.sync.overwritten', {
                      no: o.contentNo,
                      by: o.previous.by,
                      result: t(`insp.finding.${o.previous.result}` as 'insp.finding.not'),
                    })}
                  </li>
                ))}
                {notices.rejected.map((r) => (
                  <li key={r.id}>{locale === 'en' ? r.messageEn : r.message}</li>
                ))}
              </ul>
            }
          />
        )}
      {failedChanges.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('sync.refused', { count: failedChanges.length, reason: failedChanges[0].error ?? '' })}
          action={
            <Button
              size="small"
              onClick={() => {
                for (const c of failedChanges) void discard('changes', c.id, taskId);
              }}
            >
              {t('sync.discard')}
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'overview',
            label: t('insp.tab.overview'),
            children: <Overview view={view} record={record} editable={editable} edit={edit} />,
          },
          {
            key: 'checklist',
            label: t('insp.tab.checklist'),
            children: (
              <ChecklistWalk
                checklists={view.checklists}
                findings={record.findings}
                editable={editable}
                evidence={[...record.evidence, ...uploads]}
                onMark={(checklistId, contentNo, result, note) =>
                  edit([{ kind: 'finding', checklistId, contentNo, result, note }])
                }
                onPhoto={(checklistId, contentNo) => {
                  photoTarget.current = { checklistId, contentNo };
                  photoInput.current?.click();
                }}
              />
            ),
          },
          {
            key: 'result',
            label: t('insp.tab.result'),
            children: (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <ResultTab record={record} editable={editable} edit={edit} />
                {editable && <Problems problems={problems} />}
              </Space>
            ),
          },
          {
            key: 'evidence',
            label: `${t('insp.tab.evidence')} ${record.evidence.length + uploads.filter((u) => !record.evidence.some((e) => e.id === u.id)).length}`,
            children: (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {(editable || record.status === 'submitted') && (
                  <div className="tp-task-actions">
                    <Button
                      type="primary"
                      icon={<CameraOutlined />}
                      onClick={() => photoInput.current?.click()}
                      data-testid="take-photo"
                    >
                      {t('insp.evidence.photo')}
                    </Button>
                    <Button icon={<PaperClipOutlined />} onClick={() => fileInput.current?.click()}>
                      {t('insp.evidence.file')}
                    </Button>
                  </div>
                )}
                <div className="tp-secondary">{t('insp.evidence.rules')}</div>
                <EvidenceList
                  evidence={record.evidence}
                  uploads={uploads}
                  onDiscard={(u) => discard('uploads', u.id, taskId)}
                />
              </Space>
            ),
          },
          { key: 'history', label: t('insp.tab.history'), children: <History record={record} /> },
        ]}
      />
      <input
        ref={photoInput}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          void addFiles(e.target.files, 'photo');
          e.target.value = '';
        }}
      />
      <input
        ref={fileInput}
        type="file"
        accept={[...PHOTO_TYPES, ...DOCUMENT_TYPES].join(',')}
        hidden
        multiple
        onChange={(e) => {
          void addFiles(e.target.files, 'document');
          e.target.value = '';
        }}
      />
      {view.can.submit && (
        <div className="tp-sticky-bar">
          <button
            type="button"
            className="tp-sticky-text"
            onClick={() => setTab('result')}
            data-testid="submit-state"
          >
            {!sync.online
              ? t('insp.submit.needsNetwork')
              : pending
                ? t('insp.submit.waitSync')
                : problems.length
                  ? t('insp.submit.remaining', { count: problems.length, first: pick(locale, problems[0]) })
                  : t('insp.submit.ready')}
          </button>
          <Button
            type="primary"
            size="large"
            disabled={!canSubmit}
            loading={submitting}
            onClick={submit}
            data-testid="submit"
          >
            {t('insp.submit.button')}
          </Button>
        </div>
      )}
    </>
  );
}
