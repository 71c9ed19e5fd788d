// Evidence (photos and documents) under <TIANPING_DATA_DIR>/evidence/<inspection>/<id>.<ext>.
// Uploads are idempotent (the id is the device's key), limited by type (declared and sniffed from the
// first bytes) and size, and checked against the device's SHA-256. Photo thumbnails are made by the
// browser (a canvas, before upload) and sent with the original: no image library on the server.
// Files are served only to those who may read the inspection.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import type { Database } from '../../db/connection.ts';
import type { Location } from '../../db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../http/errors.ts';
import type { CurrentUser } from '../auth/access.ts';
import * as repo from './repo.ts';
import {
  EDITABLE,
  ensureRecord,
  membershipOf,
  readAccess,
  recordStep,
  taskOrThrow,
  teamMemberOf,
} from './service.ts';

export const MAX_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_THUMBNAIL_BYTES = 256 * 1024;

const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');
const ZIP = (b: Buffer) => ascii(b, 0, 4) === 'PK\u0003\u0004';

/** The allowed types: extension, kind, and how their first bytes look. */
export const EVIDENCE_TYPES: Record<
  string,
  { ext: string; kind: 'photo' | 'document'; looks: (b: Buffer) => boolean }
> = {
  'image/jpeg': { ext: 'jpg', kind: 'photo', looks: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', kind: 'photo', looks: (b) => ascii(b, 0, 8) === '\u0089PNG\r\n\u001a\n' },
  'image/webp': {
    ext: 'webp',
    kind: 'photo',
    looks: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
  'application/pdf': { ext: 'pdf', kind: 'document', looks: (b) => ascii(b, 0, 5) === '%PDF-' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    kind: 'document',
    looks: ZIP,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: 'xlsx',
    kind: 'document',
    looks: ZIP,
  },
};

const unsupported = () =>
  new DomainError(
    415,
    'unsupported_type',
    '只能上传 JPEG、PNG、WebP 照片或 PDF、Word（.docx）、Excel（.xlsx）文件',
    'Only JPEG, PNG or WebP photos and PDF, Word (.docx) or Excel (.xlsx) files',
    'file',
  );

interface Received {
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
  mediaType: string;
  fileName: string;
  truncated: boolean;
}

/** Streams one file part to a temporary file, hashing it and keeping its first bytes. */
async function receive(part: Extract<Multipart, { type: 'file' }>, incoming: string): Promise<Received> {
  const path = join(incoming, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      done(null, chunk);
    },
  });
  await pipeline(part.file, tap, createWriteStream(path));
  return {
    path,
    size,
    sha256: hash.digest('hex'),
    head,
    mediaType: part.mimetype,
    fileName: part.filename,
    truncated: part.file.truncated,
  };
}

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** Receives an upload (fields first, then `file` and, for photos, `thumbnail`) and records it. */
export async function uploadEvidence(
  database: Database,
  dataDir: string,
  user: CurrentUser,
  taskId: string,
  parts: AsyncIterableIterator<Multipart>,
) {
  // Refuse strangers before reading a byte of the body.
  const { task, member } = await teamMemberOf(database.db, user, taskId);
  const root = join(dataDir, 'evidence');
  const incoming = join(root, '.incoming');
  mkdirSync(incoming, { recursive: true });
  const fields: Record<string, string> = {};
  const files: Record<string, Received> = {};
  let refused: DomainError | null = null;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if ((part.fieldname !== 'file' && part.fieldname !== 'thumbnail') || !EVIDENCE_TYPES[part.mimetype]) {
        refused ??= unsupported();
        part.file.resume();
        continue;
      }
      files[part.fieldname] = await receive(part, incoming);
    }
    if (refused) throw refused;
    const file = files.file;
    if (!file) throw invalid('file', '请选择要上传的文件', 'Choose a file');
    if (file.truncated || file.size > MAX_FILE_BYTES)
      throw new DomainError(
        413,
        'too_large',
        `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        `The file exceeds ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        'file',
      );
    const type = EVIDENCE_TYPES[file.mediaType];
    if (!type.looks(file.head)) throw unsupported();
    const thumbnail = files.thumbnail;
    if (thumbnail) {
      const thumbType = EVIDENCE_TYPES[thumbnail.mediaType];
      if (type.kind !== 'photo' || thumbType.kind !== 'photo' || !thumbType.looks(thumbnail.head))
        throw invalid('thumbnail', '缩略图须为图片', 'The thumbnail must be an image');
      if (thumbnail.truncated || thumbnail.size > MAX_THUMBNAIL_BYTES)
        throw invalid('thumbnail', '缩略图过大', 'The thumbnail is too large');
    }
    const id = fields.id ?? '';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw invalid('id', '缺少上传编号', 'The upload needs its id');
    if (fields.sha256 && fields.sha256.toLowerCase() !== file.sha256)
      throw new DomainError(
        400,
        'checksum',
        '文件校验值不一致，传输中可能已损坏，请重新上传',
        'The checksum does not match: the file may have been damaged on the way; upload it again',
        'file',
      );
    const lat = num(fields.lat);
    const lng = num(fields.lng);
    const accuracy = num(fields.accuracy);
    const location: Location | null =
      lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
        ? { lat, lng, ...(accuracy !== undefined && accuracy >= 0 ? { accuracy } : {}) }
        : null;
    const capturedAt =
      fields.capturedAt && !Number.isNaN(Date.parse(fields.capturedAt)) ? new Date(fields.capturedAt) : null;
    const fileName = (fields.fileName || file.fileName || `evidence.${type.ext}`).slice(0, 200);

    const placed: string[] = [];
    try {
      return await database.transaction(async ({ db }) => {
        const row = await ensureRecord(db, task, member.orgId);
        const existing = await repo.findEvidence(db, id);
        if (existing) {
          if (existing.inspection_id === row.id && existing.sha256 === file.sha256)
            return { evidence: existing.id, version: row.version, duplicate: true };
          throw conflict('上传编号已被使用', 'The upload id is already taken', 'id');
        }
        if (!EDITABLE.includes(row.status) && row.status !== 'submitted')
          throw conflict(
            '记录已审核，不能再添加证据',
            'The record was reviewed: no more evidence can be added',
          );
        if (fields.checklistId && !row.checklist_ids.includes(fields.checklistId))
          throw invalid(
            'checklistId',
            '检查表不属于本次检查',
            'The checklist is not part of this inspection',
          );
        const relative = join(row.id, `${id}.${type.ext}`);
        const thumbRelative = thumbnail
          ? join(row.id, `${id}.thumb.${EVIDENCE_TYPES[thumbnail.mediaType].ext}`)
          : null;
        mkdirSync(dirname(join(root, relative)), { recursive: true });
        await rename(file.path, join(root, relative));
        placed.push(join(root, relative));
        if (thumbnail && thumbRelative) {
          await rename(thumbnail.path, join(root, thumbRelative));
          placed.push(join(root, thumbRelative));
        }
        await db
          .insertInto('evidence')
          .values({
            id,
            inspection_id: row.id,
            org_id: row.org_id,
            kind: type.kind,
            file_name: fileName,
            media_type: file.mediaType,
            size_bytes: file.size,
            sha256: file.sha256,
            path: relative,
            thumbnail_path: thumbRelative,
            note: (fields.note ?? '').slice(0, 500),
            checklist_id: fields.checklistId || null,
            content_no: fields.contentNo || null,
            captured_at: capturedAt,
            location: location ? JSON.stringify(location) : null,
            uploaded_by: user.id,
            uploaded_by_name: user.displayName,
          })
          .execute();
        const version = await recordStep(db, user, row, {
          kind: 'evidence',
          target: id,
          value: { added: fileName, sha256: file.sha256 },
          madeAt: capturedAt,
          action: 'evidence.added',
          audit: {
            evidence: id,
            kind: type.kind,
            mediaType: file.mediaType,
            size: file.size,
            sha256: file.sha256,
          },
        });
        return { evidence: id, version, duplicate: false };
      });
    } catch (error) {
      for (const path of placed) await rm(path, { force: true });
      throw error;
    }
  } finally {
    for (const f of Object.values(files)) await rm(f.path, { force: true });
  }
}

/** A stored file for someone who may read its inspection. */
export async function evidenceFile(
  database: Database,
  dataDir: string,
  user: CurrentUser,
  id: string,
  which: 'file' | 'thumbnail',
) {
  const db = database.db;
  const evidence = await repo.findEvidence(db, id);
  if (!evidence) throw notFound('证据', 'Evidence');
  const record = (await repo.findInspection(db, evidence.inspection_id))!;
  await readAccess(db, user, await taskOrThrow(db, record.task_id), record.org_id);
  const relative = which === 'thumbnail' ? evidence.thumbnail_path : evidence.path;
  if (!relative) throw notFound('缩略图', 'Thumbnail');
  const thumbType = relative.split('.').pop();
  return {
    path: join(dataDir, 'evidence', relative),
    mediaType:
      which === 'thumbnail'
        ? (Object.entries(EVIDENCE_TYPES).find(([, t]) => t.ext === thumbType)?.[0] ?? 'image/jpeg')
        : evidence.media_type,
    fileName: evidence.file_name,
  };
}

/** Takes a piece of evidence off the record (the uploader or the lead, while the team holds it). */
export async function removeEvidence(database: Database, user: CurrentUser, id: string) {
  return database.transaction(async ({ db }) => {
    const evidence = await repo.findEvidence(db, id);
    if (!evidence || evidence.removed_at) throw notFound('证据', 'Evidence');
    const row = await repo.lockInspection(db, evidence.inspection_id);
    const member = await membershipOf(db, row.task_id, user);
    if (!member || member.orgId !== row.org_id || (evidence.uploaded_by !== user.id && !member.lead))
      throw forbidden();
    if (!EDITABLE.includes(row.status))
      throw conflict('记录已提交，不能删除证据', 'The record was submitted');
    await db
      .updateTable('evidence')
      .set({ removed_at: new Date(), removed_by: user.id })
      .where('id', '=', id)
      .execute();
    const version = await recordStep(db, user, row, {
      kind: 'evidence',
      target: id,
      value: { removed: evidence.file_name },
      action: 'evidence.removed',
      audit: { evidence: id, sha256: evidence.sha256 },
    });
    return { version };
  });
}
