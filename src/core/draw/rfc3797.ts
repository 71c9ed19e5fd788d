import { toHex, utf8 } from './bytes.ts';
import { md5 } from './md5.ts';

/**
 * RFC 3797 key string: each group of non-negative integers sorted ascending, each number in decimal
 * followed by `.`, each group closed by `/`, groups in the declared order.
 * [[9319], [2, 5, 12, 8, 10]] gives `9319./2.5.8.10.12./`.
 */
export function rfc3797KeyString(groups: readonly (readonly number[])[]): string {
  let key = '';
  for (const [g, group] of groups.entries()) {
    for (const n of group) {
      if (!Number.isSafeInteger(n) || n < 0)
        throw new RangeError(`group ${g + 1}: ${n} is not a non-negative integer`);
    }
    key += `${[...group]
      .sort((a, b) => a - b)
      .map((n) => `${n}.`)
      .join('')}/`;
  }
  return key;
}

const MAX_POOL = 0xffff;

/**
 * RFC 3797 selection (DRAW-SPEC §7): for i = 0, 1, …, digest_i = MD5(u16be(i) ‖ key ‖ u16be(i)) as a
 * 128-bit big-endian integer; with P candidates left, the (digest_i mod P)+1-th remaining one is picked
 * and removed. Returns 1-based positions in the published list of `poolSize` candidates.
 */
export function rfc3797Select(
  poolSize: number,
  count: number,
  groups: readonly (readonly number[])[],
): number[] {
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > MAX_POOL) {
    throw new RangeError(`pool size must be 1..${MAX_POOL}: ${poolSize}`);
  }
  if (!Number.isInteger(count) || count < 0 || count > poolSize) {
    throw new RangeError(`count must be 0..${poolSize}: ${count}`);
  }
  const key = utf8(rfc3797KeyString(groups));
  const input = new Uint8Array(key.length + 4);
  input.set(key, 2);
  const view = new DataView(input.buffer);
  const remaining = Array.from({ length: poolSize }, (_, i) => i + 1);
  const picks: number[] = [];
  for (let i = 0; i < count; i++) {
    view.setUint16(0, i);
    view.setUint16(key.length + 2, i);
    const value = BigInt(`0x${toHex(md5(input))}`);
    const index = Number(value % BigInt(remaining.length));
    picks.push(remaining.splice(index, 1)[0]);
  }
  return picks;
}
