// What the phone keeps so that a lost connection loses nothing: the last task views seen, every change
// not yet confirmed by the server, photos and documents not yet uploaded, and the last sync's notices.
// IndexedDB (files included, as Blobs), one database per browser profile; rows carry the user's id so a
// shared device never shows one inspector's drafts to another.
import type { MyTask, SyncAnswer, TaskView } from '../api/inspections.ts';

export interface QueuedChange {
  id: string;
  userId: string;
  taskId: string;
  /** Order of entry on this device. */
  seq: number;
  kind: 'field' | 'finding';
  at: string;
  baseVersion: number;
  field?: string;
  value?: unknown;
  checklistId?: string;
  contentNo?: string;
  result?: string;
  note?: string;
  /** Set when the server refused it for good (task cancelled, no longer on the team): kept, shown, not resent. */
  error?: string;
}

export interface QueuedUpload {
  id: string;
  userId: string;
  taskId: string;
  seq: number;
  file: Blob;
  fileName: string;
  mediaType: string;
  thumbnail: Blob | null;
  sha256: string | null;
  capturedAt: string;
  location: { lat: number; lng: number; accuracy?: number } | null;
  checklistId: string | null;
  contentNo: string | null;
  note: string;
  error?: string;
}

export interface CachedTask {
  taskId: string;
  userId: string;
  view: TaskView;
  savedAt: number;
}

export interface Notices {
  taskId: string;
  conflicts: SyncAnswer['conflicts'];
  overwritten: SyncAnswer['overwritten'];
  rejected: SyncAnswer['rejected'];
}

type Stores = {
  tasks: CachedTask;
  changes: QueuedChange;
  uploads: QueuedUpload;
  notices: Notices;
  lists: { key: string; data: { today: string; rows: MyTask[] } };
};
type StoreName = keyof Stores;

const NAME = 'tianping-offline';
let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('tasks', { keyPath: 'taskId' });
      db.createObjectStore('changes', { keyPath: 'id' }).createIndex('taskId', 'taskId');
      db.createObjectStore('uploads', { keyPath: 'id' }).createIndex('taskId', 'taskId');
      db.createObjectStore('notices', { keyPath: 'taskId' });
      db.createObjectStore('lists', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

async function tx<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => IDBRequest<T>,
) {
  const db = await open();
  const t = db.transaction(name, mode);
  const result = await done(fn(t.objectStore(name)));
  await new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
  return result;
}

export const store = {
  get: <S extends StoreName>(name: S, key: string) =>
    tx(name, 'readonly', (s) => s.get(key)) as Promise<Stores[S] | undefined>,
  put: <S extends StoreName>(name: S, value: Stores[S]) => tx(name, 'readwrite', (s) => s.put(value)),
  delete: (name: StoreName, key: string) => tx(name, 'readwrite', (s) => s.delete(key)),
  all: <S extends StoreName>(name: S) => tx(name, 'readonly', (s) => s.getAll()) as Promise<Stores[S][]>,
  ofTask: <S extends 'changes' | 'uploads'>(name: S, taskId: string) =>
    tx(name, 'readonly', (s) => s.index('taskId').getAll(taskId)) as Promise<Stores[S][]>,
};

let counter = 0;
/** Entry order on this device (time first, so it survives reloads). */
export const nextSeq = () => Date.now() * 1000 + (counter++ % 1000);

/** A random UUID, also where crypto.randomUUID is missing (plain-HTTP pages are not secure contexts). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
