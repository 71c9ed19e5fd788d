// The workload the roster freezes for the cap (DRAW-SPEC §5): a member's task stays open until the
// member's own department has its result approved — another department's approval of a joint task
// does not finish it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { NANSHAN_SAMR, orgId } from '../../../test/support/draws.ts';
import { buildRoster } from './roster.ts';

let t: TestApp;
let samr: string;
beforeAll(async () => {
  t = await testApp({ inspectors: 400 });
  samr = await orgId(t.database, NANSHAN_SAMR);
});
afterAll(() => t?.close());

const loadOf = async (cert: string) => {
  const roster = await buildRoster(t.database.db, [samr], '2000-01-01');
  return roster.departments[0].inspectors.find((i) => i.id === cert)?.load;
};

/** An inspector of the department with an open task, the task and its business, found by SQL. */
async function busyMember() {
  const { rows } = await sql<{ cert: string; task_id: string; entity_id: string; region_code: string }>`
    select i.cert_no as cert, t.id as task_id, t.entity_id, t.region_code
    from task_member m join task t on t.id = m.task_id join inspector i on i.id = m.inspector_id
    where m.org_id = ${samr} and m.removed_by is null and t.status = 'assigned'
      and not exists (select 1 from inspection x where x.task_id = t.id and x.org_id = m.org_id
                      and x.status in ('approved', 'published'))
    order by i.cert_no, t.code limit 1`.execute(t.database.db);
  return rows[0];
}

const setResult = (task: Awaited<ReturnType<typeof busyMember>>, org: string, status: string) =>
  sql`insert into inspection (task_id, org_id, region_code, entity_id, status)
    values (${task.task_id}, ${org}, ${task.region_code}, ${task.entity_id}, ${status})
    on conflict (task_id, org_id) do update set status = excluded.status`.execute(t.database.db);

describe('the workload frozen with a roster', () => {
  it('counts a task until the member’s own department has its result approved', async () => {
    const member = await busyMember();
    expect(member).toBeDefined();
    const before = await loadOf(member.cert);
    expect(before).toBeGreaterThan(0);

    // Submitted is not done.
    await setResult(member, samr, 'submitted');
    expect(await loadOf(member.cert)).toBe(before);

    // Another department's approval (a joint task) does not finish this member's work.
    const other = await orgId(t.database, '440305-POLICE');
    await setResult(member, other, 'approved');
    expect(await loadOf(member.cert)).toBe(before);

    await setResult(member, samr, 'approved');
    expect(await loadOf(member.cert)).toBe(before! - 1);
  });
});
