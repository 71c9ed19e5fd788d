import { type Sha256, utf8 } from './bytes.ts';
import { canonicalJson } from './canonical.ts';

export const SPEC = 'tianping-draw/1';

/** Public randomness declared before the draw (§1.3). */
export type Source =
  | { kind: 'drand'; chain: string; round: number }
  | { kind: 'values'; description: string }
  | { kind: 'secret'; sha256: string };

export type StratumSpec = { label: string; size: number; sample: number; alternates: number };

/** The commitment document (§1.4), published before any randomness exists. */
export type Commitment = {
  spec: typeof SPEC;
  draw_id: string;
  frame_digest: string;
  strata: StratumSpec[];
  sources: Source[];
  team_size: number;
  roster_digest?: string;
};

/** SHA-256 of the canonical JSON of the commitment: 32 raw bytes, as the seed uses them. */
export async function commitmentDigest(sha256: Sha256, commitment: Commitment): Promise<Uint8Array> {
  return sha256(utf8(canonicalJson(commitment)));
}

/**
 * Objects to draw from a stratum of `size` for a ratio in basis points (1 bp = 0.01 %):
 * ceil(size × ratio), never below the ratio ("不低于 x%"), capped at size. Exact integer arithmetic.
 */
export function sampleSize(size: number, ratioBp: number): number {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`size must be a non-negative integer: ${size}`);
  if (!Number.isInteger(ratioBp) || ratioBp < 0 || ratioBp > 10_000) {
    throw new RangeError(`ratio must be an integer from 0 to 10000 bp: ${ratioBp}`);
  }
  const ceil = (BigInt(size) * BigInt(ratioBp) + 9_999n) / 10_000n;
  return Math.min(size, Number(ceil));
}
