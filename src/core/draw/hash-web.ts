import type { Sha256 } from './bytes.ts';

/** Browser SHA-256 (WebCrypto); also works in Node, where globalThis.crypto exists. */
export const sha256Web: Sha256 = async (data) =>
  // The draw never hashes views of a SharedArrayBuffer, which is all the lib type rules out.
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
