// Pieces of the inspection pages shared by the inspector's task page and the reviewer's detail page:
// the sync indicator, the checklist walk-through, the result form, evidence, history, deadlines.
import {
  CameraOutlined,
  CheckCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  FileOutlined,
  PaperClipOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  Empty,
  Input,
  Radio,
  Segmented,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { numberedContents } from '../../../src/core/checklist/content.ts';
import type { Problem } from '../../../src/core/inspections/rules.ts';
import { normaliseCodes, resultCode } from '../../../src/core/results/codes.ts';
import type { Deadline, Evidence, Finding, InspectionRecord, TaskView } from '../api/inspections.ts';
import { useLocale, useT } from '../i18n/index.tsx';
import type { QueuedUpload } from '../offline/store.ts';
import { useSyncState } from '../offline/sync.ts';
import {
  codeLabel,
  DISPOSITIONS,
  deadlineColor,
  deadlineText,
  pick,
  RESULT_CODES,
  shortTime,
} from './labels.ts';
import './inspections.css';

/** 离线 · 3 项待同步 / 2 项待同步 / 已同步: always visible on the inspector's pages. */
export function SyncIndicator() {
  const s = useSyncState();
  const t = useT();
  const text = !s.online
    ? s.waiting
      ? t('sync.offlineWaiting', { count: s.waiting })
      : t('sync.offline')
    : s.waiting
      ? t('sync.waiting', { count: s.waiting })
      : t('sync.synced');
  return (
    <Space size={4} wrap>
      <Tag
        data-testid="sync-state"
        data-online={String(s.online)}
        data-waiting={s.waiting}
        color={!s.online ? 'warning' : s.waiting ? 'processing' : 'success'}
        icon={
          !s.online ? (
            <DisconnectOutlined />
          ) : s.waiting ? (
            <CloudSyncOutlined spin={s.syncing} />
          ) : (
            <CheckCircleOutlined />
          )
        }
      >
        {text}
      </Tag>
      {s.failed > 0 && (
        <Tag color="error" icon={<WarningOutlined />}>
          {t('sync.failed', { count: s.failed })}
        </Tag>
      )}
    </Space>
  );
}

export function DeadlineTag({ deadline }: { deadline: Deadline | null }) {
  const t = useT();
  if (!deadline) return null;
  return (
    <Tag color={deadlineColor(deadline)} data-testid="deadline">
      {deadlineText(t, deadline)}
      {deadline.beyondCalendar ? ` ${t('insp.deadline.beyondCalendar')}` : ''}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  const colors: Record<string, string> = {
    draft: 'default',
    submitted: 'processing',
    returned: 'error',
    approved: 'success',
    published: 'cyan',
  };
  return (
    <Tag color={colors[status]} data-testid="record-status" data-status={status}>
      {t(`insp.status.${status}` as 'insp.status.draft')}
    </Tag>
  );
}

export function CodeTags({ codes }: { codes: string[] }) {
  const { locale } = useLocale();
  if (!codes.length) return <span className="tp-secondary">—</span>;
  return (
    <Space size={[4, 4]} wrap>
      {codes
        .filter((c) => c !== 'A' || codes.length === 1)
        .map((c) => (
          <Tag
            key={c}
            color={
              resultCode(c)?.group === 'problem'
                ? 'orange'
                : resultCode(c)?.group === 'clear'
                  ? 'green'
                  : undefined
            }
          >
            {codeLabel(locale, c)}
          </Tag>
        ))}
    </Space>
  );
}

// ---- checklist ----

type Mark = (checklistId: string, contentNo: string, result: string, note: string) => void;

function ContentRow({
  checklistId,
  content,
  finding,
  editable,
  onMark,
  photos,
  onPhoto,
}: {
  checklistId: string;
  content: ReturnType<typeof numberedContents>[number];
  finding?: Finding;
  editable: boolean;
  onMark: Mark;
  photos: number;
  onPhoto?: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState(finding?.note ?? '');
  // Another member's note arrives with a sync; keep what is being typed.
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) setNote(finding?.note ?? '');
  }, [finding?.note]);
  const result = finding?.result;
  const saveNote = () => {
    typing.current = false;
    if (result && note !== (finding?.note ?? '')) onMark(checklistId, content.number, result, note);
  };
  return (
    <div className={`tp-content-row tp-result-${result ?? 'none'}`} data-testid={`content-${content.number}`}>
      <div className="tp-content-text">
        <span className="tp-code">{content.number}</span> {content.text}
      </div>
      <div className="tp-secondary">
        {content.method} · {t('insp.checklist.compliantWhen')}
        {content.compliant}
      </div>
      <Segmented
        block
        disabled={!editable}
        value={result ?? null}
        onChange={(value) => onMark(checklistId, content.number, value as string, note)}
        options={[
          { value: 'compliant', label: t('insp.finding.compliant') },
          { value: 'not', label: t('insp.finding.not') },
          { value: 'na', label: t('insp.finding.na') },
        ]}
        className="tp-content-choice"
      />
      {(result === 'not' || note) && (
        <Input.TextArea
          value={note}
          disabled={!editable}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('insp.finding.notePlaceholder')}
          onChange={(e) => {
            typing.current = true;
            setNote(e.target.value);
          }}
          onBlur={saveNote}
          data-testid={`note-${content.number}`}
        />
      )}
      <div className="tp-content-foot">
        {finding && (
          <span className="tp-secondary">
            {finding.version < 0 ? <Tag color="processing">{t('sync.pending')}</Tag> : null}
            {finding.by} · {shortTime(finding.at)}
          </span>
        )}
        {onPhoto && editable && (
          <Button size="small" type="text" icon={<CameraOutlined />} onClick={onPhoto}>
            {photos ? photos : ''}
          </Button>
        )}
      </div>
    </div>
  );
}

export function ChecklistWalk({
  checklists,
  findings,
  editable,
  onMark,
  evidence = [],
  onPhoto,
}: {
  checklists: TaskView['checklists'];
  findings: Finding[];
  editable: boolean;
  onMark: Mark;
  evidence?: { checklistId: string | null; contentNo: string | null }[];
  onPhoto?: (checklistId: string, contentNo: string) => void;
}) {
  const t = useT();
  if (!checklists.length) return <Empty description={t('insp.checklist.none')} />;
  const byKey = new Map(findings.map((f) => [`${f.checklistId}/${f.contentNo}`, f]));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {checklists.map((list) => {
        const contents = numberedContents(list.content);
        const marked = contents.filter((c) => byKey.has(`${list.id}/${c.number}`)).length;
        return (
          <div key={list.id} className="tp-checklist">
            <div className="tp-checklist-title">
              <Typography.Text strong>{list.itemName}</Typography.Text>
              <span className="tp-secondary">
                {t('insp.checklist.version', { version: list.version })} · {marked}/{contents.length}
              </span>
            </div>
            <Collapse
              size="small"
              defaultActiveKey={list.content.mains.map((_, m) => String(m))}
              items={list.content.mains.map((main, m) => {
                const own = contents.filter((c) => c.number.startsWith(`${m + 1}.`));
                const done = own.filter((c) => byKey.has(`${list.id}/${c.number}`)).length;
                return {
                  key: String(m),
                  label: `${m + 1} ${main.title}`,
                  extra: <span className="tp-secondary">{`${done}/${own.length}`}</span>,
                  children: main.subs.map((sub, s) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: sub-items are numbered by their position in the version
                    <div key={`${m + 1}.${s + 1}`} className="tp-sub">
                      <div className="tp-sub-title">
                        {m + 1}.{s + 1} {sub.title}
                      </div>
                      {own
                        .filter((c) => c.number.startsWith(`${m + 1}.${s + 1}.`))
                        .map((c) => (
                          <ContentRow
                            key={c.number}
                            checklistId={list.id}
                            content={c}
                            finding={byKey.get(`${list.id}/${c.number}`)}
                            editable={editable}
                            onMark={onMark}
                            photos={
                              evidence.filter((e) => e.checklistId === list.id && e.contentNo === c.number)
                                .length
                            }
                            onPhoto={onPhoto ? () => onPhoto(list.id, c.number) : undefined}
                          />
                        ))}
                    </div>
                  )),
                };
              })}
            />
          </div>
        );
      })}
    </Space>
  );
}

// ---- result codes and disposition ----

const GONE = new Set(['9', '10', '11', '12']);

/** The next selection after ticking or unticking a code: 未发现问题 and 9–12 stand alone. */
export function toggleCode(codes: string[], code: string, on: boolean): string[] {
  if (!on) return normaliseCodes(codes.filter((c) => c !== code));
  if (code === '1' || GONE.has(code)) return [code];
  return normaliseCodes([...codes.filter((c) => c !== '1' && !GONE.has(c)), code]);
}

export function CodesPicker({
  codes,
  editable,
  onChange,
}: {
  codes: string[];
  editable: boolean;
  onChange: (codes: string[]) => void;
}) {
  const { locale, t } = useLocale();
  const row = (code: string, indent = false) => {
    const info = resultCode(code)!;
    const hint = t(`insp.followUpHint.${info.followUp}` as 'insp.followUpHint.none');
    return (
      <div key={code} className={indent ? 'tp-code-row tp-code-child' : 'tp-code-row'}>
        <Checkbox
          checked={codes.includes(code)}
          disabled={!editable}
          onChange={(e) => {
            const next = toggleCode(codes, code, e.target.checked);
            // Unticking the last child leaves no parent A behind.
            onChange(next.filter((c) => c !== 'A' || next.some((x) => resultCode(x)?.parent === 'A')));
          }}
          data-testid={`code-${code}`}
        >
          <span className="tp-code">{code}</span> {pick(locale, info)}
        </Checkbox>
        {info.followUp !== 'none' && <div className="tp-secondary tp-code-hint">{hint}</div>}
      </div>
    );
  };
  return (
    <div className="tp-codes">
      {row('1')}
      <div className="tp-code-group">
        <span className="tp-code">A</span> {pick(locale, resultCode('A')!)}
        <span className="tp-secondary"> — {t('insp.codes.chooseChild')}</span>
      </div>
      {RESULT_CODES.filter((c) => c.parent === 'A').map((c) => row(c.code, true))}
      {RESULT_CODES.filter((c) => !c.parent && c.code !== '1' && c.code !== 'A').map((c) => row(c.code))}
    </div>
  );
}

export function DispositionPicker({
  value,
  editable,
  onChange,
}: {
  value: string | null;
  editable: boolean;
  onChange: (value: string) => void;
}) {
  const { locale } = useLocale();
  return (
    <Radio.Group
      value={value}
      disabled={!editable}
      onChange={(e) => onChange(e.target.value)}
      className="tp-dispositions"
      options={DISPOSITIONS.map((d) => ({ value: d.code, label: pick(locale, d) }))}
    />
  );
}

export function Problems({ problems }: { problems: Problem[] }) {
  const { locale, t } = useLocale();
  if (!problems.length)
    return <Alert type="success" showIcon title={t('insp.submit.ready')} data-testid="problems-none" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="problems"
      title={t('insp.submit.missing')}
      description={
        <ul className="tp-problem-list">
          {problems.map((p) => (
            <li key={p.field + p.zh}>{pick(locale, p)}</li>
          ))}
        </ul>
      }
    />
  );
}

export function TargetSelect({
  value,
  targets,
  editable,
  onChange,
}: {
  value: string | null;
  targets: { id: string; name: string }[];
  editable: boolean;
  onChange: (id: string | null) => void;
}) {
  const t = useT();
  return (
    <Select
      style={{ width: '100%' }}
      value={value ?? undefined}
      disabled={!editable}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('insp.result.targetPlaceholder')}
      options={targets.map((o) => ({ value: o.id, label: o.name }))}
      onChange={(v) => onChange(v ?? null)}
      data-testid="follow-up-org"
    />
  );
}

// ---- evidence ----

export function EvidenceList({
  evidence,
  uploads = [],
  onDiscard,
}: {
  evidence: Evidence[];
  uploads?: QueuedUpload[];
  onDiscard?: (u: QueuedUpload) => void;
}) {
  const t = useT();
  const [urls, setUrls] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const made = new Map(
      uploads
        .filter((u) => u.thumbnail || u.mediaType.startsWith('image/'))
        .map((u) => [u.id, URL.createObjectURL(u.thumbnail ?? u.file)]),
    );
    setUrls(made);
    return () => {
      for (const url of made.values()) URL.revokeObjectURL(url);
    };
  }, [uploads]);
  const waiting = uploads.filter((u) => !evidence.some((e) => e.id === u.id));
  if (!evidence.length && !waiting.length) return <Empty description={t('insp.evidence.none')} />;
  return (
    <div className="tp-evidence" data-testid="evidence-list">
      {waiting.map((u) => (
        <div key={u.id} className="tp-evidence-item" data-testid="evidence-waiting">
          {urls.get(u.id) ? (
            <img src={urls.get(u.id)} alt={u.fileName} />
          ) : (
            <FileOutlined className="tp-evidence-icon" />
          )}
          <div className="tp-evidence-meta">
            <div className="tp-clip" title={u.fileName}>
              {u.fileName}
            </div>
            {u.error ? (
              <>
                <Tag color="error">{u.error}</Tag>
                {onDiscard && (
                  <Button size="small" danger onClick={() => onDiscard(u)}>
                    {t('sync.discard')}
                  </Button>
                )}
              </>
            ) : (
              <Tag color="processing">{t('insp.evidence.waiting')}</Tag>
            )}
          </div>
        </div>
      ))}
      {evidence.map((e) => (
        <a
          key={e.id}
          className="tp-evidence-item"
          href={`/api/evidence/${e.id}/file`}
          target="_blank"
          rel="noreferrer"
          data-testid="evidence-item"
        >
          {e.thumbnail ? (
            <img src={`/api/evidence/${e.id}/thumbnail`} alt={e.fileName} loading="lazy" />
          ) : (
            <PaperClipOutlined className="tp-evidence-icon" />
          )}
          <div className="tp-evidence-meta">
            <div className="tp-clip" title={e.fileName}>
              {e.fileName}
            </div>
            <div className="tp-secondary">
              {e.contentNo ? `${e.contentNo} · ` : ''}
              {e.by} · {shortTime(e.capturedAt ?? e.at)}
            </div>
            <div className="tp-secondary tp-hash" title={e.sha256}>
              SHA-256 {e.sha256.slice(0, 12)}…
            </div>
          </div>
        </a>
      ))}
    </div>
  );
}

// ---- history ----

export function History({ record }: { record: InspectionRecord }) {
  const { locale, t } = useLocale();
  if (!record.history.length) return <Empty description={t('insp.history.none')} />;
  const what = (h: InspectionRecord['history'][number]) => {
    if (h.kind === 'finding') {
      const v = h.value as { result: string; note: string };
      return `${h.target?.split('/')[1]} ${t(`insp.finding.${v.result}` as 'insp.finding.not')}${v.note ? `：${v.note}` : ''}`;
    }
    if (h.kind === 'field') {
      const label = t(`insp.field.${h.target}` as 'insp.field.codes');
      const v = h.value;
      const shown =
        h.target === 'codes'
          ? (v as string[]).map((c) => codeLabel(locale, c)).join('、')
          : typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'at' in v
              ? shortTime((v as { at: string }).at)
              : '—';
      return `${label}：${shown}`;
    }
    if (h.kind === 'return') return `${t('insp.history.return')}：${(h.value as { reason: string }).reason}`;
    return t(`insp.history.${h.kind}` as 'insp.history.submit');
  };
  return (
    <Timeline
      items={record.history.map((h) => ({
        key: `${h.version}-${h.at}-${h.target}`,
        color: h.outcome === 'applied' ? 'blue' : 'red',
        content: (
          <div>
            <div>
              {what(h)}
              {h.outcome !== 'applied' && (
                <Tag color="error" style={{ marginLeft: 8 }}>
                  {t(`insp.history.${h.outcome}` as 'insp.history.conflict')}
                </Tag>
              )}
            </div>
            <div className="tp-secondary">
              {h.by} · {shortTime(h.madeAt ?? h.at)} · v{h.version}
            </div>
          </div>
        ),
      }))}
    />
  );
}
