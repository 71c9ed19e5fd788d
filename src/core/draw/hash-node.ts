import { hash } from 'node:crypto';
import type { Sha256 } from './bytes.ts';

/**
 * Server-side SHA-256. The one-shot node:crypto `hash` is synchronous and, for the 40-byte inputs of
 * the random stream, much cheaper per call than createHash or WebCrypto.
 */
export const sha256Node: Sha256 = (data) => {
  const digest = hash('sha256', data, 'buffer');
  return Promise.resolve(new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength));
};
