// Browser-safe public API. The server imports `sha256Node` from './hash-node.ts' directly.
export { concatBytes, fromHex, type Sha256, toHex, utf8 } from './bytes.ts';
export { canonicalJson } from './canonical.ts';
export {
  type Commitment,
  commitmentDigest,
  type Source,
  SPEC,
  type StratumSpec,
  sampleSize,
} from './commitment.ts';
export { canonicalIds, compareUtf8, type FrameStratum, frameDigest, frameText } from './frame.ts';
export { sha256Web } from './hash-web.ts';
export {
  buildKit,
  type Check,
  type CheckId,
  type Kit,
  type Replay,
  replayKit,
  type Verification,
  verifyKit,
} from './kit.ts';
export { md5 } from './md5.ts';
export {
  computeSeed,
  type DrandReveal,
  type DrandSource,
  type Reveal,
  revealBytes,
  type SecretReveal,
  type ValuesReveal,
  type VerifyDrand,
} from './reveal.ts';
export { rfc3797KeyString, rfc3797Select } from './rfc3797.ts';
export { drawObjects, drawStratum, type StratumResult } from './sample.ts';
export { openStream, type RandomStream } from './stream.ts';
export { drawTeams, TeamDrawer, type TeamResult, taskOrder } from './teams.ts';
