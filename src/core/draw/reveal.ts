import { concatBytes, fromHex, type Sha256, toHex, u32be, utf8 } from './bytes.ts';
import { type Source, SPEC } from './commitment.ts';
import { rfc3797KeyString } from './rfc3797.ts';

export type DrandReveal = { kind: 'drand'; round: number; randomness: string; signature: string };
export type ValuesReveal = { kind: 'values'; groups: number[][] };
export type SecretReveal = { kind: 'secret'; secret_hex: string };
/** What each declared source turned out to be (§2), in the order of the sources. */
export type Reveal = DrandReveal | ValuesReveal | SecretReveal;

export type DrandSource = Extract<Source, { kind: 'drand' }>;
/**
 * Checks a beacon's BLS signature against the chain's public key (e.g. with drand-client). Injected so
 * the core needs no BLS code; the caller resolves the chain hash in `source.chain`.
 */
export type VerifyDrand = (reveal: DrandReveal, source: DrandSource) => Promise<boolean>;

/** The bytes a reveal contributes to the seed (§2). */
export function revealBytes(reveal: Reveal): Uint8Array {
  switch (reveal.kind) {
    case 'drand': {
      const randomness = fromHex(reveal.randomness);
      if (randomness.length !== 32)
        throw new Error(`drand randomness must be 32 bytes, got ${randomness.length}`);
      return randomness;
    }
    case 'values':
      return utf8(rfc3797KeyString(reveal.groups));
    case 'secret':
      return fromHex(reveal.secret_hex);
    default:
      throw new Error(`unknown reveal kind: ${(reveal as { kind: unknown }).kind}`);
  }
}

/** seed = SHA-256("tianping-draw/1" ‖ commitment_digest ‖ for each source: u32be(length) ‖ bytes). */
export async function computeSeed(
  sha256: Sha256,
  commitmentDigest: Uint8Array,
  reveals: readonly Uint8Array[],
): Promise<Uint8Array> {
  if (commitmentDigest.length !== 32) throw new Error('commitment digest must be 32 bytes');
  const parts = [utf8(SPEC), commitmentDigest];
  for (const bytes of reveals) parts.push(u32be(bytes.length), bytes);
  return sha256(concatBytes(parts));
}

/**
 * Everything wrong with one reveal against its declared source; empty when it matches. A drand
 * signature counts as unchecked, hence wrong, when no `verifyDrand` is given.
 */
export async function sourceMismatches(
  sha256: Sha256,
  source: Source,
  reveal: Reveal,
  verifyDrand?: VerifyDrand,
): Promise<string[]> {
  if (source.kind !== reveal.kind) return [`committed ${source.kind}, revealed ${reveal.kind}`];
  const problems: string[] = [];
  try {
    const bytes = revealBytes(reveal);
    if (source.kind === 'secret') {
      const hash = toHex(await sha256(bytes));
      if (hash !== source.sha256.toLowerCase())
        problems.push(`SHA-256 of the secret is ${hash}, committed ${source.sha256}`);
    }
    if (source.kind === 'drand' && reveal.kind === 'drand') {
      if (reveal.round !== source.round)
        problems.push(`drand round ${reveal.round}, committed ${source.round}`);
      // For every drand scheme the randomness is SHA-256 of the signature, so this needs no BLS.
      const expected = toHex(await sha256(fromHex(reveal.signature)));
      if (toHex(bytes) !== expected)
        problems.push(`drand randomness is not SHA-256 of the signature (${expected})`);
      if (!verifyDrand)
        problems.push(`drand round ${reveal.round}: signature not checked (no verifyDrand given)`);
      else if (!(await verifyDrand(reveal, source))) {
        problems.push(`drand round ${reveal.round}: signature invalid for chain ${source.chain}`);
      }
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}
