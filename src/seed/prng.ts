// Deterministic randomness for the demo city. Everything the seed generator draws comes from here, so the
// same seed string always yields byte-identical rows (Math.random is never used).
import { createHash } from 'node:crypto';

export type Words = [number, number, number, number];

/** The first 128 bits of SHA-256 of the text as four unsigned 32-bit words. */
export function hashWords(text: string): Words {
  const d = createHash('sha256').update(text).digest();
  return [d.readUInt32BE(0), d.readUInt32BE(4), d.readUInt32BE(8), d.readUInt32BE(12)];
}

/**
 * sfc32 (Small Fast Counting generator, PractRand-tested): 128-bit state, 32-bit integer arithmetic only,
 * which keeps it fast in JavaScript. Seeded by hashing a string so that streams are independent.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = hashWords(seed);
    // The author's recommendation: discard the first outputs so that similar seeds diverge fully.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An unsigned 32-bit integer. */
  next(): number {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  uuid(): string {
    return uuid([this.next(), this.next(), this.next(), this.next()], 4);
  }
}

/** Choice with relative weights, by binary search over the cumulative weights. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new RangeError('no positive weight');
    this.items = kept.map(([item]) => item);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(w: number): string {
  return HEX[w >>> 24] + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255];
}

function hex4(h: number): string {
  return HEX[(h >>> 8) & 255] + HEX[h & 255];
}

/** RFC 9562 syntax from 128 bits: version nibble 4 (random) or 8 (custom, here: hash-derived), variant 10. */
export function uuid(words: Words, version: 4 | 8): string {
  const [w0, w1, w2, w3] = words;
  const timeHi = ((w1 & 0xfff) | (version << 12)) >>> 0;
  const clock = ((w2 >>> 16) & 0x3fff) | 0x8000;
  return `${hex8(w0)}-${hex4(w1 >>> 16)}-${hex4(timeHi)}-${hex4(clock)}-${hex4(w2)}${hex8(w3)}`;
}

/** lowbias32 (Chris Wellons' integer hash): a cheap, well-mixing round function. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A keyed bijection on [0, a·b): a four-round unbalanced Feistel network on the pair (x div b, x mod b),
 * adding modulo the half's size. Used to turn row numbers into identifier bodies that look random yet are
 * unique by construction, whatever the row count.
 */
export class Permutation {
  readonly size: number;
  private readonly a: number;
  private readonly b: number;
  private readonly keys: Words;

  constructor(key: string, a: number, b: number) {
    this.a = a;
    this.b = b;
    this.size = a * b;
    this.keys = hashWords(key);
  }

  apply(x: number): number {
    if (!(x >= 0 && x < this.size && Number.isInteger(x))) throw new RangeError(`outside the domain: ${x}`);
    let hiSize = this.a;
    let loSize = this.b;
    let hi = Math.floor(x / loSize);
    let lo = x % loSize;
    for (const key of this.keys) {
      // (hi, lo) ∈ [0,hiSize)×[0,loSize) → (lo, (hi + F(lo)) mod hiSize) ∈ [0,loSize)×[0,hiSize): invertible.
      const next = (hi + mix32(lo ^ key)) % hiSize;
      hi = lo;
      lo = next;
      const s = hiSize;
      hiSize = loSize;
      loSize = s;
    }
    return hi * loSize + lo;
  }
}
