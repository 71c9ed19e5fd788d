// Sends what the phone holds when the network allows: queued changes per task (one request each, the
// server applies every change once by its id) and then queued uploads (same, by upload id). Runs when
// the browser says it is back online, every 20 seconds, when the page becomes visible, and after each
// edit. A refusal that retrying cannot fix stays on the phone, marked, for the inspector to see.
import { useSyncExternalStore } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { SyncAnswer, TaskView } from '../api/inspections.ts';
import { type QueuedChange, type QueuedUpload, store } from './store.ts';

export interface SyncState {
  online: boolean;
  syncing: boolean;
  /** Changes and uploads waiting to be sent. */
  waiting: number;
  /** Changes and uploads the server refused (kept on the phone). */
  failed: number;
  lastSyncedAt: number | null;
}

let state: SyncState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  waiting: 0,
  failed: 0,
  lastSyncedAt: null,
};
const listeners = new Set<() => void>();
const taskListeners = new Set<(taskId: string) => void>();

function set(changes: Partial<SyncState>) {
  state = { ...state, ...changes };
  for (const l of listeners) l();
}

export const useSyncState = () =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );

/** Called with a task's id whenever its queue or cached record changed. */
export function onTaskChanged(listener: (taskId: string) => void) {
  taskListeners.add(listener);
  return () => taskListeners.delete(listener);
}
const changed = (taskId: string) => {
  for (const l of taskListeners) l(taskId);
};

let userId: string | null = null;

async function count() {
  if (!userId) return;
  const [changes, uploads] = await Promise.all([store.all('changes'), store.all('uploads')]);
  const mine = [...changes, ...uploads].filter((x) => x.userId === userId);
  set({ waiting: mine.filter((x) => !x.error).length, failed: mine.filter((x) => x.error).length });
}

export async function queueChange(change: Omit<QueuedChange, 'userId'>) {
  if (!userId) throw new Error('sync not started');
  await store.put('changes', { ...change, userId });
  changed(change.taskId);
  await count();
  void flush();
}

export async function queueUpload(upload: Omit<QueuedUpload, 'userId'>) {
  if (!userId) throw new Error('sync not started');
  await store.put('uploads', { ...upload, userId });
  changed(upload.taskId);
  await count();
  void flush();
}

/** Drops a refused change or upload the inspector has seen. */
export async function discard(kind: 'changes' | 'uploads', id: string, taskId: string) {
  await store.delete(kind, id);
  changed(taskId);
  await count();
}

/** Worth retrying later (network, server restart, session to renew) rather than marking as refused. */
const transient = (error: unknown) =>
  !(error instanceof ApiError) ||
  error.status === 0 ||
  error.status === 401 ||
  error.status >= 500 ||
  error.status === 429;

async function sendChanges(taskId: string, queued: QueuedChange[]) {
  const cached = await store.get('tasks', taskId);
  const answer = await api.post<SyncAnswer>(`/api/tasks/${taskId}/inspection/changes`, {
    baseVersion: cached?.view.record?.version ?? 0,
    checklistIds: cached?.view.checklists.map((c) => c.id),
    changes: queued.map(
      ({ id, kind, at, baseVersion, field, value, checklistId, contentNo, result, note }) =>
        kind === 'field'
          ? { id, kind, at, baseVersion, field, value: value ?? null }
          : { id, kind, at, baseVersion, checklistId, contentNo, result, note },
    ),
  });
  // The answer is the merged record: it replaces the cached one, and the sent changes leave the queue.
  const latest = await store.get('tasks', taskId);
  if (latest)
    await store.put('tasks', {
      ...latest,
      view: { ...latest.view, record: answer.record },
      savedAt: Date.now(),
    });
  for (const c of queued) await store.delete('changes', c.id);
  if (answer.conflicts.length || answer.overwritten.length || answer.rejected.length) {
    const previous = await store.get('notices', taskId);
    await store.put('notices', {
      taskId,
      conflicts: [...(previous?.conflicts ?? []), ...answer.conflicts],
      overwritten: [...(previous?.overwritten ?? []), ...answer.overwritten],
      rejected: [...(previous?.rejected ?? []), ...answer.rejected],
    });
  }
}

async function sendUpload(u: QueuedUpload) {
  const form = new FormData();
  const fields: Record<string, string | null> = {
    id: u.id,
    sha256: u.sha256,
    capturedAt: u.capturedAt,
    fileName: u.fileName,
    note: u.note,
    checklistId: u.checklistId,
    contentNo: u.contentNo,
    lat: u.location ? String(u.location.lat) : null,
    lng: u.location ? String(u.location.lng) : null,
    accuracy: u.location?.accuracy !== undefined ? String(u.location.accuracy) : null,
  };
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  form.append('file', new File([u.file], u.fileName, { type: u.mediaType }));
  if (u.thumbnail)
    form.append('thumbnail', new File([u.thumbnail], 'thumbnail.jpg', { type: u.thumbnail.type }));
  await api.upload(`/api/tasks/${u.taskId}/inspection/evidence`, form);
  await store.delete('uploads', u.id);
  // The record now lists the file (and has a new version): keep the phone's copy current.
  const cached = await store.get('tasks', u.taskId);
  if (cached) {
    const view = await api.get<TaskView>(`/api/tasks/${u.taskId}/inspection`).catch(() => null);
    if (view) await store.put('tasks', { ...cached, view, savedAt: Date.now() });
  }
}

let running: Promise<void> | null = null;
let again = false;

/** Sends everything waiting; safe to call at any time (calls during a run start one more run after it). */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await flushOnce();
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}

async function flushOnce() {
  if (!userId || !navigator.onLine) return;
  set({ syncing: true });
  try {
    const changes = (await store.all('changes'))
      .filter((c) => c.userId === userId && !c.error)
      .sort((a, b) => a.seq - b.seq);
    const byTask = new Map<string, QueuedChange[]>();
    for (const c of changes) byTask.set(c.taskId, [...(byTask.get(c.taskId) ?? []), c]);
    for (const [taskId, queued] of byTask) {
      try {
        await sendChanges(taskId, queued);
      } catch (error) {
        if (transient(error)) return;
        const message = error instanceof ApiError ? error.message : String(error);
        for (const c of queued) await store.put('changes', { ...c, error: message });
      } finally {
        changed(taskId);
      }
    }
    const uploads = (await store.all('uploads'))
      .filter((u) => u.userId === userId && !u.error)
      .sort((a, b) => a.seq - b.seq);
    for (const u of uploads) {
      try {
        await sendUpload(u);
      } catch (error) {
        if (transient(error)) return;
        await store.put('uploads', {
          ...u,
          error: error instanceof ApiError ? error.message : String(error),
        });
      } finally {
        changed(u.taskId);
      }
    }
    set({ lastSyncedAt: Date.now() });
  } finally {
    set({ syncing: false });
    await count();
  }
}

let stopListening: (() => void) | null = null;
let users = 0;

/** Starts syncing for the signed-in user (pages may call it together); returns the function that stops it. */
export function startSync(user: string) {
  users++;
  if (userId !== user) stopListening?.();
  if (!stopListening || userId !== user) {
    userId = user;
    const online = () => {
      set({ online: true });
      void flush();
    };
    const offline = () => set({ online: false });
    const visible = () => {
      if (document.visibilityState === 'visible') void flush();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    const timer = window.setInterval(() => void flush(), 20_000);
    stopListening = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
      window.clearInterval(timer);
      stopListening = null;
    };
    set({ online: navigator.onLine });
    void count().then(() => flush());
  }
  return () => {
    users--;
    if (users === 0) {
      stopListening?.();
      userId = null;
    }
  };
}
