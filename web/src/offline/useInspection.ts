// A task as the inspector works on it: the last view from the server (kept on the phone), with every
// change not yet confirmed laid over it, so what is on screen is always what was typed — online or not.
import { useCallback, useEffect, useState } from 'react';
import { normaliseCodes } from '../../../src/core/results/codes.ts';
import { api } from '../api/client.ts';
import type { InspectionRecord, TaskView } from '../api/inspections.ts';
import { type Notices, nextSeq, type QueuedChange, type QueuedUpload, store, uuid } from './store.ts';
import { onTaskChanged, queueChange, startSync } from './sync.ts';

/** The record before anything was saved: what a first change creates. */
export function blankRecord(view: TaskView): InspectionRecord {
  return {
    id: '',
    taskId: view.task.id,
    orgId: view.orgId,
    status: 'draft',
    version: 0,
    checklistIds: view.checklists.map((c) => c.id),
    method: null,
    plannedOn: null,
    notice: null,
    start: null,
    end: null,
    endedOn: null,
    codes: [],
    codesVersion: 1,
    disposition: null,
    dispositionNote: '',
    correctionDueOn: null,
    followUpOrg: null,
    summary: '',
    findings: [],
    evidence: [],
    submittedAt: null,
    submittedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    returnReason: null,
    approvedAt: null,
    publishableBy: null,
    deadline: null,
    publishedAt: null,
    history: [],
    followUps: [],
  };
}

const chinaDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** The record with the queued changes applied in the order they were made. Pending marks have version -1. */
export function overlay(view: TaskView, queue: QueuedChange[], me: string): InspectionRecord {
  const r = { ...(view.record ?? blankRecord(view)) };
  r.findings = [...r.findings];
  for (const c of queue) {
    if (c.error) continue;
    if (c.kind === 'finding') {
      const mark = {
        checklistId: c.checklistId!,
        contentNo: c.contentNo!,
        result: c.result as 'compliant',
        note: c.note ?? '',
        by: me,
        at: c.at,
        version: -1,
      };
      const i = r.findings.findIndex((f) => f.checklistId === c.checklistId && f.contentNo === c.contentNo);
      if (i >= 0) r.findings[i] = mark;
      else r.findings.push(mark);
      continue;
    }
    const v = c.value as never;
    switch (c.field) {
      case 'codes':
        r.codes = normaliseCodes(v ?? []);
        break;
      case 'end':
        r.end = v;
        r.endedOn = v ? chinaDay((v as { at: string }).at) : null;
        break;
      case 'followUpOrgId':
        r.followUpOrg = v ? { id: v, name: r.followUpOrg?.id === v ? r.followUpOrg.name : '' } : null;
        break;
      case 'method':
      case 'plannedOn':
      case 'notice':
      case 'start':
      case 'disposition':
      case 'dispositionNote':
      case 'correctionDueOn':
      case 'summary':
        (r as Record<string, unknown>)[c.field] = v;
        break;
    }
  }
  return r;
}

export type Edit =
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'finding'; checklistId: string; contentNo: string; result: string; note: string };

export function useInspection(taskId: string, user: { id: string; displayName: string }) {
  const [view, setView] = useState<TaskView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [queue, setQueue] = useState<QueuedChange[]>([]);
  const [uploads, setUploads] = useState<QueuedUpload[]>([]);
  const [notices, setNotices] = useState<Notices | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reloadLocal = useCallback(async () => {
    const [cached, changes, files, found] = await Promise.all([
      store.get('tasks', taskId),
      store.ofTask('changes', taskId),
      store.ofTask('uploads', taskId),
      store.get('notices', taskId),
    ]);
    if (cached && cached.userId === user.id) setView(cached.view);
    setQueue(changes.filter((c) => c.userId === user.id).sort((a, b) => a.seq - b.seq));
    setUploads(files.filter((u) => u.userId === user.id).sort((a, b) => a.seq - b.seq));
    setNotices(found ?? null);
  }, [taskId, user.id]);

  const fetchView = useCallback(async () => {
    try {
      const fresh = await api.get<TaskView>(`/api/tasks/${taskId}/inspection`);
      await store.put('tasks', { taskId, userId: user.id, view: fresh, savedAt: Date.now() });
      setError(null);
    } catch (e) {
      setError(e);
    }
    await reloadLocal();
    setLoaded(true);
  }, [taskId, user.id, reloadLocal]);

  useEffect(() => {
    const stop = startSync(user.id);
    void reloadLocal().then(fetchView);
    const off = onTaskChanged((id) => {
      if (id === taskId) void reloadLocal();
    });
    // Other members' changes appear without a reload.
    const poll = window.setInterval(() => {
      if (navigator.onLine && document.visibilityState === 'visible') void fetchView();
    }, 20_000);
    return () => {
      stop();
      off();
      window.clearInterval(poll);
    };
  }, [taskId, user.id, reloadLocal, fetchView]);

  const edit = useCallback(
    async (edits: Edit[]) => {
      const baseVersion = view?.record?.version ?? 0;
      const at = new Date().toISOString();
      for (const e of edits) await queueChange({ id: uuid(), taskId, seq: nextSeq(), at, baseVersion, ...e });
    },
    [taskId, view?.record?.version],
  );

  const dismissNotices = useCallback(async () => {
    await store.delete('notices', taskId);
    setNotices(null);
  }, [taskId]);

  return {
    view,
    record: view ? overlay(view, queue, user.displayName) : null,
    loaded,
    error,
    queue,
    uploads,
    notices,
    edit,
    refresh: fetchView,
    dismissNotices,
  };
}
