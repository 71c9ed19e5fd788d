// The audit chain: each event's hash covers its content and the previous event's hash, so an
// edited, inserted or deleted row breaks the chain from that point on.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../draw/canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  org_id: string | null;
  before: unknown;
  after: unknown;
}

export function auditHash(prevHash: string, event: AuditContent): string {
  // Only the content fields, named one by one: rows read back carry their hashes and more.
  const body = canonicalJson({
    seq: event.seq,
    at: event.at.toISOString(),
    actor_id: event.actor_id,
    actor: event.actor,
    action: event.action,
    subject_type: event.subject_type,
    subject_id: event.subject_id,
    org_id: event.org_id,
    before: event.before ?? null,
    after: event.after ?? null,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

export type ChainProblem =
  | { seq: number; kind: 'edited'; detail: string }
  | { seq: number; kind: 'broken_link'; detail: string }
  | { seq: number; kind: 'gap'; detail: string }
  | { seq: number; kind: 'head'; detail: string };

/**
 * Walks events in sequence order and reports every place where the chain does not hold.
 * `head` is the separately stored last (seq, hash), which catches rows deleted from the end.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  readonly problems: ChainProblem[] = [];
  count = 0;

  add(event: AuditContent & { prev_hash: string; hash: string }): void {
    this.count++;
    if (event.seq !== this.expectedSeq) {
      this.problems.push({
        seq: event.seq,
        kind: 'gap',
        detail: `expected event ${this.expectedSeq}, found ${event.seq} (rows deleted or renumbered)`,
      });
    }
    if (event.prev_hash !== this.prevHash) {
      this.problems.push({
        seq: event.seq,
        kind: 'broken_link',
        detail: 'prev_hash does not match the previous event',
      });
    }
    if (auditHash(event.prev_hash, event) !== event.hash) {
      this.problems.push({ seq: event.seq, kind: 'edited', detail: 'content does not match its hash' });
    }
    this.prevHash = event.hash;
    this.expectedSeq = event.seq + 1;
  }

  finish(head: { seq: number; hash: string } | undefined): ChainProblem[] {
    const lastSeq = this.expectedSeq - 1;
    if (!head && this.count > 0)
      this.problems.push({ seq: lastSeq, kind: 'head', detail: 'the chain head is missing' });
    if (head && (head.seq !== lastSeq || head.hash !== this.prevHash)) {
      this.problems.push({
        seq: head.seq,
        kind: 'head',
        detail: `the chain head says event ${head.seq}, the table ends at event ${lastSeq} (rows added or removed at the end)`,
      });
    }
    return this.problems;
  }
}
