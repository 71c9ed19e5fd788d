// drand beacons checked offline: the operator pastes the beacon JSON of the committed round, and its
// BLS signature is verified by drand-client against the chain's public key bundled here — no network,
// so the server and a citizen's browser reach the same answer. Browser-safe (the public verifier uses it).
import { type ChainClient, type ChainInfo, fetchBeacon, roundAt, roundTime } from 'drand-client';
import { fromHex, sha256Web, toHex, type VerifyDrand } from '../../core/draw/index.ts';
import quicknetInfo from './quicknet.json' with { type: 'json' };

/** League of Entropy quicknet (a round every 3 s), as served at https://api.drand.sh/<hash>/info. */
export const QUICKNET: ChainInfo = quicknetInfo;

/** Chains whose beacons Tianping can check, by chain hash. */
export const DRAND_CHAINS: ReadonlyMap<string, ChainInfo> = new Map([[QUICKNET.hash, QUICKNET]]);

export type Beacon = { round: number; randomness: string; signature: string };

/** When a round is published (ms since the epoch), from the chain's genesis time and period. */
export const drandRoundTime = (chain: ChainInfo, round: number) => roundTime(chain, round);

/** The latest round published at `ms`. */
export const drandRoundAt = (chain: ChainInfo, ms: number) => roundAt(ms, chain);

/** Reads pasted beacon JSON (extra fields such as previous_signature are ignored); null when malformed. */
export function parseBeacon(value: unknown): Beacon | null {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof data !== 'object' || data === null) return null;
  const { round, randomness, signature } = data as Record<string, unknown>;
  const hex = (s: unknown) =>
    typeof s === 'string' && s.length > 0 && /^[0-9a-f]+$/i.test(s) && s.length % 2 === 0;
  if (!Number.isSafeInteger(round) || (round as number) < 1 || !hex(randomness) || !hex(signature))
    return null;
  return {
    round: round as number,
    randomness: (randomness as string).toLowerCase(),
    signature: (signature as string).toLowerCase(),
  };
}

/**
 * Whether `beacon` is the genuine beacon of `round` on the chain: randomness = SHA-256(signature) and a
 * valid BLS signature under the bundled public key. Unknown chains are never valid.
 */
export async function beaconIsValid(chainHash: string, beacon: Beacon, round: number): Promise<boolean> {
  const chain = DRAND_CHAINS.get(chainHash);
  if (!chain || beacon.round !== round) return false;
  // Checked here first: drand-client logs to the console when this fails.
  if (toHex(await sha256Web(fromHex(beacon.signature))) !== beacon.randomness.toLowerCase()) return false;
  const offline: ChainClient = {
    options: { disableBeaconVerification: false, noCache: false },
    latest: async () => beacon,
    get: async () => beacon,
    chain: () => ({ baseUrl: 'offline:', info: async () => chain }),
  };
  try {
    await fetchBeacon(offline, round);
    return true;
  } catch {
    return false;
  }
}

/** The verifier's drand check (DRAW-SPEC §2), for verifyKit. */
export const verifyDrand: VerifyDrand = (reveal, source) => beaconIsValid(source.chain, reveal, source.round);
