// Adjustments after a draw: reasoned events shown next to it, never overwrites. A business found
// ineligible (e.g. 已注销) is replaced by its stratum's next unused alternate, whose team is drawn; an
// inspector who cannot serve (e.g. 病假) is replaced by one drawn from the eligible inspectors. Both
// draw from the seed's stream `adjust:<n>` (replay.ts) over eligible lists published with the event.
// Eligibility follows the draw's frozen rules over the inspectors as they are now.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sha256Node } from '../../core/draw/hash-node.ts';
import { fromHex, TeamDrawer } from '../../core/draw/index.ts';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { ownedPlan } from '../plans/service.ts';
import { adjustmentPurpose } from './replay.ts';
import { buildRoster, type Eligibility } from './roster.ts';
import {
  type DrawParameters,
  type DrawRow,
  eligibilityOf,
  entitiesByIdentifier,
  inspectorIds,
  lockPlan,
  type Operator,
  previousTeams,
} from './service.ts';

export type AdjustmentInput =
  | { kind: 'replace_entity'; taskId: string; reason: string }
  | { kind: 'replace_inspector'; taskId: string; certNo: string; reason: string };

async function adjustableDraw(db: Kysely<DB>, who: Operator, drawId: string): Promise<DrawRow> {
  const found = await db.selectFrom('draw').select(['plan_id']).where('id', '=', drawId).executeTakeFirst();
  if (!found) throw notFound('抽取', 'Draw');
  await ownedPlan(db, who, found.plan_id);
  await lockPlan(db, found.plan_id);
  const draw = await db
    .selectFrom('draw')
    .selectAll()
    .where('id', '=', drawId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (draw.status !== 'completed')
    throw conflict('只有已完成的抽取可以调整', 'Only a completed draw can be adjusted');
  return draw;
}

/** Eligibility under the draw's rules, over the inspectors as they are now (status, certificates, loads). */
async function liveEligibility(db: Kysely<DB>, parameters: DrawParameters): Promise<Eligibility> {
  const roster = await buildRoster(
    db,
    parameters.departments.map((d) => d.id),
    parameters.teams.valid_through,
  );
  return eligibilityOf(parameters, roster);
}

export async function adjustDraw(database: Database, who: Operator, drawId: string, input: AdjustmentInput) {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请说明调整理由', 'Give the reason for the adjustment');
  return database.transaction(async ({ db }) => {
    const draw = await adjustableDraw(db, who, drawId);
    const parameters = draw.parameters as DrawParameters;
    const task = await db
      .selectFrom('task as t')
      .innerJoin('entity as e', 'e.id', 't.entity_id')
      .select(['t.id', 't.status', 't.entity_id', 't.code', 'e.identifier', 'e.region_code', 'e.tags'])
      .where('t.id', '=', input.taskId)
      .where('t.draw_id', '=', drawId)
      .executeTakeFirst();
    if (!task) throw notFound('任务', 'Task');
    if (task.status === 'cancelled') throw conflict('该任务已取消', 'The task is cancelled');

    const last = await db
      .selectFrom('draw_adjustment')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('draw_id', '=', drawId)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const purpose = adjustmentPurpose(seq);
    const drawer = await TeamDrawer.open(sha256Node, fromHex(draw.seed_hex!), purpose);
    const eligibility = await liveEligibility(db, parameters);
    const teamSize = parameters.teams.team_size;
    const adjustmentId = randomUUID();
    let detail: object;
    let newTaskId: string | null = null;

    if (input.kind === 'replace_entity') {
      const pick = await db
        .selectFrom('draw_pick')
        .select(['h'])
        .where('draw_id', '=', drawId)
        .where('identifier', '=', task.identifier)
        .executeTakeFirstOrThrow();
      const used = (
        await db
          .selectFrom('draw_adjustment')
          .select('detail')
          .where('draw_id', '=', drawId)
          .where('kind', '=', 'replace_entity')
          .execute()
      ).map((a) => (a.detail as { alternate: string }).alternate);
      const next = await db
        .selectFrom('draw_pick')
        .select(['identifier', 'rank'])
        .where('draw_id', '=', drawId)
        .where('h', '=', pick.h)
        .where('selected', '=', false)
        .$if(used.length > 0, (q) => q.where('identifier', 'not in', used))
        .orderBy('rank')
        .executeTakeFirst();
      const label = (draw.commitment as { strata: { label: string }[] }).strata[pick.h].label;
      if (!next)
        throw conflict(`${label} 层的备选对象已用完`, `No unused alternate is left in stratum ${label}`);
      const alternate = (await entitiesByIdentifier(db, [next.identifier])).get(next.identifier)!;
      const previous = (await previousTeams(db, [alternate.id], drawId)).get(alternate.id) ?? new Set();
      const teams: { department: string; eligible: string[]; team: string[] }[] = [];
      const members: { inspector: string; d: number; position: number }[] = [];
      for (let d = 0; d < parameters.departments.length; d++) {
        const eligible = eligibility.ids(
          d,
          eligibility.eligible(d, {
            identifier: alternate.identifier,
            regionCode: alternate.region_code,
            tags: alternate.tags,
            previous,
          }),
        );
        const team = await drawer.next(eligible, teamSize);
        teams.push({ department: parameters.departments[d].code, eligible, team: team ?? [] });
        for (const [position, inspector] of (team ?? []).entries())
          members.push({ inspector, d, position: d * teamSize + position });
      }
      const assigned = teams.every((t) => t.team.length > 0);
      newTaskId = randomUUID();
      await db
        .updateTable('task')
        .set({ status: 'cancelled', status_reason: reason, updated_at: new Date() })
        .where('id', '=', task.id)
        .execute();
      await db
        .insertInto('task')
        .values({
          id: newTaskId,
          draw_id: drawId,
          plan_id: draw.plan_id,
          entity_id: alternate.id,
          org_id: draw.org_id,
          region_code: alternate.region_code,
          item_ids: parameters.items.map((i) => i.id),
          status: assigned ? 'assigned' : 'unassigned',
          status_reason: assigned
            ? null
            : teams
                .filter((t) => t.team.length === 0)
                .map(
                  (t) => `${t.department}：符合条件的检查人员 ${t.eligible.length} 名，少于 ${teamSize} 名`,
                )
                .join('；'),
        })
        .execute();
      const ids = await inspectorIds(
        db,
        members.map((m) => m.inspector),
      );
      if (members.length)
        await db
          .insertInto('task_member')
          .values(
            members.map((m) => ({
              task_id: newTaskId!,
              inspector_id: ids.get(m.inspector)!,
              org_id: parameters.departments[m.d].id,
              position: m.position,
              added_by: adjustmentId,
            })),
          )
          .execute();
      detail = {
        stratum: label,
        replaced: task.identifier,
        alternate: next.identifier,
        alternate_rank: next.rank,
        teams,
      };
    } else {
      const member = await db
        .selectFrom('task_member as m')
        .innerJoin('inspector as i', 'i.id', 'm.inspector_id')
        .select(['m.inspector_id', 'm.org_id', 'm.position', 'i.cert_no'])
        .where('m.task_id', '=', task.id)
        .where('i.cert_no', '=', input.certNo)
        .where('m.removed_by', 'is', null)
        .executeTakeFirst();
      if (!member)
        throw invalid('certNo', '该检查人员不在此任务的检查组中', 'The inspector is not on this task’s team');
      const d = parameters.departments.findIndex((x) => x.id === member.org_id);
      const team = await db
        .selectFrom('task_member as m')
        .innerJoin('inspector as i', 'i.id', 'm.inspector_id')
        .select('i.cert_no')
        .where('m.task_id', '=', task.id)
        .execute();
      const previous = (await previousTeams(db, [task.entity_id], drawId)).get(task.entity_id) ?? new Set();
      const eligible = eligibility.ids(
        d,
        eligibility.eligible(
          d,
          { identifier: task.identifier, regionCode: task.region_code, tags: task.tags, previous },
          // Whoever is or was on this team cannot be drawn again for it.
          new Set(team.map((m) => m.cert_no)),
        ),
      );
      const added = (await drawer.next(eligible, 1))?.[0] ?? null;
      await db
        .updateTable('task_member')
        .set({ removed_by: adjustmentId })
        .where('task_id', '=', task.id)
        .where('inspector_id', '=', member.inspector_id)
        .execute();
      if (added) {
        const ids = await inspectorIds(db, [added]);
        await db
          .insertInto('task_member')
          .values({
            task_id: task.id,
            inspector_id: ids.get(added)!,
            org_id: member.org_id,
            position: member.position,
            added_by: adjustmentId,
          })
          .execute();
      } else {
        await db
          .updateTable('task')
          .set({
            status: 'unassigned',
            status_reason: `${reason}；无符合条件的替换人员（${eligible.length} 名）`,
            updated_at: new Date(),
          })
          .where('id', '=', task.id)
          .execute();
      }
      detail = { department: parameters.departments[d].code, removed: member.cert_no, eligible, added };
    }

    await db
      .insertInto('draw_adjustment')
      .values({
        id: adjustmentId,
        draw_id: drawId,
        seq,
        kind: input.kind,
        task_id: task.id,
        new_task_id: newTaskId,
        reason,
        purpose,
        detail: JSON.stringify(detail),
        created_by: who.userId,
      })
      .execute();
    await appendAudit(db, who.actor, {
      action: 'draw.adjusted',
      subjectType: 'draw',
      subjectId: drawId,
      orgId: draw.org_id,
      after: { code: draw.code, seq, kind: input.kind, task: task.code, reason, purpose, detail },
    });
    return { id: adjustmentId, seq, purpose, detail, newTaskId };
  });
}
