// What every public route shares: its rate limit, and its response cache.
//
// Public pages are the same for every reader and change when staff change something, not by the
// second. A public response is built once, kept in memory for a short time (or until the next
// successful write through this server), compressed once per encoding, and sent with an ETag so
// a browser that already has it gets 304 Not Modified.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

interface Entry {
  body: Buffer;
  etag: string;
  expires: number;
  br?: Buffer;
  gzip?: Buffer;
}

/** Responses under this size are sent as they are: compressing them saves nothing. */
const COMPRESS_FROM = 1024;

export class PublicCache {
  readonly #entries = new Map<string, Entry>();
  readonly #building = new Map<string, Promise<Entry>>();
  #bytes = 0;

  readonly ttlMs: number;
  readonly maxBytes: number;

  constructor(ttlMs: number, maxBytes = 64 * 1024 * 1024) {
    this.ttlMs = ttlMs;
    this.maxBytes = maxBytes;
  }

  /** The entry for a key, built once however many requests ask for it at the same moment. */
  async entry(key: string, build: () => Promise<unknown>): Promise<Entry> {
    const now = Date.now();
    const found = this.#entries.get(key);
    if (found && found.expires > now) return found;
    if (found) this.#drop(key, found);
    const pending = this.#building.get(key);
    if (pending) return pending;
    const promise = build()
      .then((value) => this.#store(key, Buffer.from(JSON.stringify(value))))
      .finally(() => this.#building.delete(key));
    this.#building.set(key, promise);
    return promise;
  }

  clear() {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #store(key: string, body: Buffer): Entry {
    const entry: Entry = {
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      expires: Date.now() + this.ttlMs,
    };
    if (this.ttlMs <= 0) return entry;
    // Oldest first out (a Map iterates in insertion order) until the new entry fits.
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes + body.length <= this.maxBytes) break;
      this.#drop(oldKey, old);
    }
    this.#entries.set(key, entry);
    this.#bytes += body.length;
    return entry;
  }

  #drop(key: string, entry: Entry) {
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The public responses kept for reuse (cleared by any successful write). */
    publicCache: PublicCache;
  }
}

/** A public route's options: no sign-in, rate-limited per client (HTTP 429 with Retry-After). */
export const publicRoute = (config: Pick<Config, 'publicRateLimit'>, perMinute = config.publicRateLimit) => ({
  access: 'public' as const,
  rateLimit: { max: perMinute, timeWindow: '1 minute' },
});

const matches = (header: string | undefined, etag: string) =>
  header?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag) ?? false;

/** Sends the JSON `build` returns, from the cache when it is fresh, as 304 when the client has it. */
export async function sendPublic(
  cache: PublicCache,
  request: FastifyRequest,
  reply: FastifyReply,
  build: () => Promise<unknown>,
) {
  const entry = await cache.entry(request.url, build);
  reply
    .header('etag', entry.etag)
    .header('cache-control', `public, max-age=${Math.round(cache.ttlMs / 1000)}`)
    .header('vary', 'accept-encoding')
    .type('application/json; charset=utf-8');
  if (matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
  const accepted = request.headers['accept-encoding'] ?? '';
  if (entry.body.length >= COMPRESS_FROM && /\bbr\b/.test(accepted)) {
    entry.br ??= brotliCompressSync(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').send(entry.br);
  }
  if (entry.body.length >= COMPRESS_FROM && /\bgzip\b/.test(accepted)) {
    entry.gzip ??= gzipSync(entry.body);
    return reply.header('content-encoding', 'gzip').send(entry.gzip);
  }
  return reply.send(entry.body);
}
