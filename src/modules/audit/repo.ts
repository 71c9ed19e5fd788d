import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import {
  type AuditContent,
  auditHash,
  type ChainProblem,
  ChainVerifier,
  GENESIS_HASH,
} from '../../core/audit/chain.ts';
import type { DB } from '../../db/schema.ts';

// All appends take this lock for the rest of their transaction, so the chain stays a line even
// with several server instances writing at once.
const AUDIT_LOCK = 7_261_002;

export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one event; must run inside the transaction that makes the change it records. */
export async function appendAudit(db: Kysely<DB>, actor: Actor, input: AuditInput): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db);
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  const event: AuditContent = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: actor.id,
    actor: actor.name,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId ?? null,
    org_id: input.orgId ?? null,
    // Hashed exactly as stored: a JSON round trip turns dates into strings and drops undefined.
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, event);
  await db
    .insertInto('audit_event')
    .values({
      ...event,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await db
    .insertInto('audit_head')
    .values({ singleton: true, seq: event.seq, hash })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ seq: event.seq, hash }))
    .execute();
  return event.seq;
}

export interface ChainReport {
  events: number;
  problems: ChainProblem[];
}

/** Recomputes the whole chain page by page. */
export async function verifyChain(db: Kysely<DB>, pageSize = 5000): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) verifier.add({ ...row, at: new Date(row.at) });
    if (page.length < pageSize) break;
    after = page[page.length - 1].seq;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  return { events: verifier.count, problems: verifier.finish(head) };
}
