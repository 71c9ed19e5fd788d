// The verifier's work in the browser: read a kit (a file, plain or gzip, or a draw's public download),
// recompute every step of DRAW-SPEC §6 with WebCrypto, check drand signatures with drand-client and
// replay the draw's published adjustments. The same core code as `tianping verify`.
import {
  type Kit,
  replayKit,
  sha256Web,
  type Verification,
  verifyKit,
} from '../../../src/core/draw/index.ts';
import { verifyDrand } from '../../../src/modules/draws/drand.ts';
import { replayAdjustments } from '../../../src/modules/draws/replay.ts';
import { api } from '../api/client.ts';
import { kitUrl, type PublicDraw } from '../api/draws.ts';

/** A draw's code or id in whatever was pasted: the code, the id, or an address holding either. */
export function drawRefOf(text: string): string | null {
  const code = text.match(/D\d{4}-\d{6,}/);
  if (code) return code[0];
  const id = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  return id ? id[0].toLowerCase() : null;
}

async function textOf(bytes: Uint8Array): Promise<string> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return new TextDecoder().decode(bytes);
}

export async function kitFromFile(file: File): Promise<Kit> {
  return JSON.parse(await textOf(new Uint8Array(await file.arrayBuffer())));
}

/** The kit as the draw's public page serves it (the browser undoes the transfer compression). */
export async function kitFromDraw(ref: string): Promise<{ kit: Kit; draw: PublicDraw }> {
  const [draw, response] = await Promise.all([
    api.get<PublicDraw>(`/api/public/draws/${encodeURIComponent(ref)}`),
    fetch(kitUrl(ref)),
  ]);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message ?? `HTTP ${response.status}`);
  }
  return { kit: await response.json(), draw };
}

export interface Outcome {
  verification: Verification;
  /** Mismatches of the published adjustments (null when none were checked). */
  adjustments: string[] | null;
  replay: Awaited<ReturnType<typeof replayKit>> | null;
}

export async function verifyInBrowser(kit: Kit, draw?: PublicDraw): Promise<Outcome> {
  const verification = await verifyKit(kit, { sha256: sha256Web, verifyDrand });
  const replay = await replayKit(kit, { sha256: sha256Web }).catch(() => null);
  const adjustments =
    draw && draw.adjustments.length > 0 && kit.seed_hex
      ? await replayAdjustments(sha256Web, kit.seed_hex, kit.commitment.team_size, draw.adjustments)
      : null;
  return { verification, adjustments, replay };
}
