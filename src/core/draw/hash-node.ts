import { createHash } from 'node:crypto';
import type { Sha256 } from './bytes.ts';

/** Server-side SHA-256: synchronous node:crypto, much faster per call than WebCrypto for 32–40 byte inputs. */
export const sha256Node: Sha256 = (data) => {
  const digest = createHash('sha256').update(data).digest();
  return Promise.resolve(new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength));
};
