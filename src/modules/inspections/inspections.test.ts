import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { NANSHAN_SAMR, orgId } from '../../../test/support/draws.ts';
import {
  account,
  checklistItem,
  cleanRecord,
  type DrawnTask,
  drawnTasks,
  field,
  markAll,
  multipart,
  sha256,
  sync,
  TINY_PNG,
} from '../../../test/support/inspections.ts';
import { verifyChain } from '../audit/repo.ts';

let t: TestApp;
let samr: string;
let reviewer: Agent;
let tasks: DrawnTask[];
beforeAll(async () => {
  t = await testApp({ inspectors: 400 });
  samr = await orgId(t.database, NANSHAN_SAMR);
  const { itemId } = await checklistItem(t.database, samr, 'INSP-1', '营业执照与信息公示检查');
  tasks = await drawnTasks(t, [{ itemId }], { count: 6 });
  reviewer = await t.login('reviewer');
});
afterAll(() => t?.close());

const auditActions = async (subjectId: string) =>
  (
    await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute()
  ).map((e) => e.action);

describe('an inspection from the phone to a publishable record', () => {
  it('shows a team member the business, items, team with the lead, checklist and an empty record', async () => {
    const [task] = tasks;
    const [lead, member] = task.team;
    const view = await member.get(`/api/tasks/${task.taskId}/inspection`);
    expect(view.items.map((i: { name: string }) => i.name)).toEqual(['营业执照与信息公示检查']);
    expect(view.checklists).toHaveLength(1);
    expect(view.checklists[0].version).toBe(1);
    expect(view.team.filter((m: { lead: boolean }) => m.lead)).toHaveLength(1);
    expect(view.team[0]).toMatchObject({ lead: true, position: 0 });
    expect(view.team.find((m: { me: boolean }) => m.me).lead).toBe(false);
    expect(view.record).toBeNull();
    expect(view.can).toMatchObject({ edit: true, submit: false });
    expect((await lead.get(`/api/tasks/${task.taskId}/inspection`)).can.submit).toBe(true);
    const mine = await member.get('/api/my/tasks');
    expect(mine.rows.map((r: { taskId: string }) => r.taskId)).toContain(task.taskId);
  });

  it('goes draft → submit by the lead only → return with reason → resubmit → approve → publishable by date', async () => {
    const task = tasks[1];
    const [lead, member] = task.team;
    const synced = await cleanRecord(member, task.taskId);
    expect(synced.rejected).toEqual([]);
    expect(synced.record.status).toBe('draft');
    expect(synced.record.findings).toHaveLength(3);

    const byMember = await member.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: synced.record.version,
    });
    expect(byMember.status).toBe(403);
    expect(byMember.json().message).toContain('组长');
    const stale = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: synced.record.version - 1,
    });
    expect(stale.status).toBe(409);

    const submitted = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: synced.record.version,
    });
    expect(submitted.status).toBe(200);
    // Ended Tuesday 29 September 2026: 20 working days across National Day and 调休 is 2 November.
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      endedOn: '2026-09-29',
      publishableBy: '2026-11-02',
    });
    const id = submitted.json().id;

    const queue = await reviewer.get('/api/inspections?status=submitted');
    expect(queue.rows.map((r: { id: string }) => r.id)).toContain(id);
    const noReason = await reviewer.request('POST', `/api/inspections/${id}/return`, {
      version: 0,
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const returned = await reviewer.request('POST', `/api/inspections/${id}/return`, {
      version: submitted.json().version,
      reason: '现场照片缺失，请补充营业执照照片',
    });
    expect(returned.status).toBe(200);
    expect(returned.json().record).toMatchObject({
      status: 'returned',
      returnReason: '现场照片缺失，请补充营业执照照片',
    });

    // Back with the team: the reason is on the task list and on the record, and it can be edited again.
    const mine = await member.get('/api/my/tasks');
    expect(mine.rows.find((r: { taskId: string }) => r.taskId === task.taskId)).toMatchObject({
      view: 'today',
      status: 'returned',
      returnReason: '现场照片缺失，请补充营业执照照片',
    });
    const again = await member.get(`/api/tasks/${task.taskId}/inspection`);
    expect(again.can.edit).toBe(true);
    const edited = await sync(member, task.taskId, again.record.version, [field('summary', '已补充照片')]);
    const resubmitted = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: edited.record.version,
    });
    expect(resubmitted.status).toBe(200);

    const approved = await reviewer.request('POST', `/api/inspections/${id}/approve`, {
      version: resubmitted.json().version,
    });
    expect(approved.status).toBe(200);
    expect(approved.json().record).toMatchObject({ status: 'approved', publishableBy: '2026-11-02' });
    const due = await reviewer.get('/api/inspections/due');
    expect(due.rows.find((r: { id: string }) => r.id === id)).toMatchObject({
      status: 'approved',
      publishableBy: '2026-11-02',
    });
    // A late change from a device is kept in the history but not applied.
    const late = await sync(member, task.taskId, 0, [field('summary', '离线时写的')]);
    expect(late.rejected).toHaveLength(1);
    expect(late.record.summary).toBe('已补充照片');
    expect(late.record.history.some((h: { outcome: string }) => h.outcome === 'rejected')).toBe(true);

    expect(await auditActions(id)).toEqual(
      expect.arrayContaining([
        'inspection.edited',
        'inspection.submitted',
        'inspection.returned',
        'inspection.approved',
      ]),
    );
    expect((await verifyChain(t.database.db)).problems).toEqual([]);

    const published = await reviewer.request('POST', '/api/inspections/publish', { ids: [id] });
    expect(published.status).toBe(200);
    expect((await reviewer.get(`/api/inspections/${id}`)).record.status).toBe('published');
  });

  it('refuses to submit what is incomplete or contradictory, naming the field', async () => {
    const task = tasks[2];
    const [lead] = task.team;
    const view = await lead.get(`/api/tasks/${task.taskId}/inspection`);
    const [first, ...rest] = markAll(view);
    const partial = await sync(lead, task.taskId, 0, [
      first,
      field('method', 'onsite'),
      field('codes', ['1']),
    ]);
    const incomplete = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: partial.record.version,
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json().message).toContain('未填写');
    const notCompliant = await sync(lead, task.taskId, partial.record.version, [
      ...rest,
      { ...first, id: crypto.randomUUID(), result: 'not', note: '未悬挂营业执照' },
    ]);
    const contradiction = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
      version: notCompliant.record.version,
    });
    expect(contradiction.status).toBe(400);
    expect(contradiction.json()).toMatchObject({ field: 'codes' });
    expect(contradiction.json().message).toContain('未发现问题');
    const unknown = await sync(lead, task.taskId, notCompliant.record.version, [field('codes', ['Z'])]);
    expect(unknown.rejected[0].message).toContain('Z');
  });

  it('merges two members’ edits: different contents both kept, same content last writer wins with both in history, a field changed by the other is not overwritten', async () => {
    const task = tasks[3];
    const [lead, member] = task.team;
    const view = await lead.get(`/api/tasks/${task.taskId}/inspection`);
    const [a, b] = markAll(view);
    const fromLead = await sync(lead, task.taskId, 0, [a, field('codes', ['1'])]);
    expect(fromLead.record.version).toBe(1);
    // The member's device still holds version 0.
    const fromMember = await sync(member, task.taskId, 0, [{ ...b, result: 'not', note: '地址不一致' }]);
    expect(
      fromMember.record.findings.map((f: { contentNo: string; by: string }) => [f.contentNo, f.by]),
    ).toEqual([
      ['1.1.1', lead.username],
      ['1.1.2', member.username],
    ]);
    const sameContent = await sync(member, task.taskId, 0, [{ ...a, id: crypto.randomUUID(), result: 'na' }]);
    expect(sameContent.overwritten).toEqual([
      expect.objectContaining({
        contentNo: '1.1.1',
        previous: { result: 'compliant', note: '', by: lead.username },
      }),
    ]);
    expect(
      sameContent.record.findings.find((f: { contentNo: string }) => f.contentNo === '1.1.1'),
    ).toMatchObject({
      result: 'na',
      by: member.username,
    });
    const history = sameContent.record.history.filter((h: { target: string }) =>
      h.target?.endsWith('/1.1.1'),
    );
    expect(history.map((h: { by: string }) => h.by).sort()).toEqual([lead.username, member.username].sort());

    const codes = field('codes', ['D']);
    const conflicted = await sync(member, task.taskId, 0, [codes]);
    expect(conflicted.conflicts).toEqual([
      expect.objectContaining({ field: 'codes', yours: ['A', 'D'], theirs: ['1'], by: lead.username }),
    ]);
    expect(conflicted.record.codes).toEqual(['1']);
    // Sent again (a retry after a lost answer): counted once.
    const retried = await sync(member, task.taskId, 0, [codes]);
    expect(retried.duplicates).toEqual([codes.id]);
    expect(retried.record.version).toBe(conflicted.record.version);
    // With the version the member has now seen, the change goes through.
    const seen = await sync(member, task.taskId, conflicted.record.version, [field('codes', ['D'])]);
    expect(seen.record.codes).toEqual(['A', 'D']);
  });

  it('keeps an inspector who is not on the team, and other scopes, out', async () => {
    const task = tasks[4];
    const stranger = await t.login('inspector2');
    expect((await stranger.request('GET', `/api/tasks/${task.taskId}/inspection`)).status).toBe(403);
    expect(
      (
        await stranger.request('POST', `/api/tasks/${task.taskId}/inspection/changes`, {
          baseVersion: 0,
          changes: [],
        })
      ).status,
    ).toBe(403);
    const [lead] = task.team;
    const synced = await cleanRecord(lead, task.taskId);
    const futian = await account(t, 'reviewer', await orgId(t.database, '440304-SAMR'));
    expect((await futian.request('GET', `/api/inspections/${synced.record.id}`)).status).toBe(403);
    expect(
      (
        await futian.request('POST', `/api/inspections/${synced.record.id}/approve`, {
          version: synced.record.version,
        })
      ).status,
    ).toBe(403);
    expect((await lead.request('GET', '/api/inspections')).status).toBe(403);
  });
});

describe('the publication deadline', () => {
  it('follows the administrator’s setting on the working-day calendar', async () => {
    const admin = await t.login('admin');
    expect(
      (await reviewer.request('PUT', '/api/settings/deadlines', { publicationWorkingDays: 15 })).status,
    ).toBe(403);
    const changed = await admin.request('PUT', '/api/settings/deadlines', { publicationWorkingDays: 15 });
    expect(changed.json()).toMatchObject({ publicationWorkingDays: 15, reminderWorkingDays: 5 });
    try {
      const task = tasks[0];
      const [lead] = task.team;
      const synced = await cleanRecord(lead, task.taskId);
      const submitted = await lead.request('POST', `/api/tasks/${task.taskId}/inspection/submit`, {
        version: synced.record.version,
      });
      // 15 working days after Tuesday 29 September 2026: 30 Sep, 8–10 Oct (Saturday 10 worked), 12–16,
      // 19–23 and Monday 26 October.
      expect(submitted.json().publishableBy).toBe('2026-10-26');
    } finally {
      await admin.request('PUT', '/api/settings/deadlines', { publicationWorkingDays: 20 });
    }
  });
});

describe('evidence', () => {
  const upload = (agent: Agent, taskId: string, fields: Record<string, string>, file: object[]) => {
    const { body, headers } = multipart(fields, file as never);
    return agent.request('POST', `/api/tasks/${taskId}/inspection/evidence`, body, headers);
  };

  it('stores a photo with its thumbnail and checksum under the data directory, once', async () => {
    const task = tasks[5];
    const [lead, member] = task.team;
    const id = crypto.randomUUID();
    const fields = {
      id,
      sha256: sha256(TINY_PNG),
      capturedAt: '2026-09-29T09:30:00+08:00',
      lat: '22.53',
      lng: '113.93',
    };
    const files = [
      { name: 'file', fileName: '营业执照.png', type: 'image/png', data: TINY_PNG },
      { name: 'thumbnail', fileName: 't.png', type: 'image/png', data: TINY_PNG },
    ];
    const first = await upload(member, task.taskId, fields, files);
    expect(first.status).toBe(201);
    const again = await upload(member, task.taskId, fields, files);
    expect(again.status).toBe(200);
    expect(again.json().duplicate).toBe(true);

    const view = await lead.get(`/api/tasks/${task.taskId}/inspection`);
    expect(view.record.evidence).toEqual([
      expect.objectContaining({
        id,
        kind: 'photo',
        sha256: sha256(TINY_PNG),
        thumbnail: true,
        fileName: '营业执照.png',
      }),
    ]);
    const stored = join(t.dataDir, 'evidence', view.record.id, `${id}.png`);
    expect(existsSync(stored)).toBe(true);
    expect(sha256(readFileSync(stored))).toBe(sha256(TINY_PNG));

    const file = await reviewer.request('GET', `/api/evidence/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await lead.request('GET', `/api/evidence/${id}/thumbnail`)).status).toBe(200);
    const futian = await account(t, 'reviewer', await orgId(t.database, '440304-SAMR'));
    expect((await futian.request('GET', `/api/evidence/${id}/file`)).status).toBe(403);
    expect((await (await t.login('inspector2')).request('GET', `/api/evidence/${id}/file`)).status).toBe(403);
    expect((await (await t.login('business')).request('GET', `/api/evidence/${id}/file`)).status).toBe(403);
  });

  it('refuses a damaged file, a type outside the list, a disguised file and one over 15 MB', async () => {
    const task = tasks[5];
    const [, member] = task.team;
    const png = { name: 'file', fileName: 'a.png', type: 'image/png', data: TINY_PNG };
    const damaged = await upload(
      member,
      task.taskId,
      { id: crypto.randomUUID(), sha256: sha256(Buffer.from('x')) },
      [png],
    );
    expect(damaged.status).toBe(400);
    expect(damaged.json()).toMatchObject({ error: 'checksum' });
    const text = await upload(member, task.taskId, { id: crypto.randomUUID() }, [
      { name: 'file', fileName: 'a.txt', type: 'text/plain', data: Buffer.from('hello') },
    ]);
    expect(text.status).toBe(415);
    const disguised = await upload(member, task.taskId, { id: crypto.randomUUID() }, [
      { ...png, data: Buffer.from('<html>not a picture</html>') },
    ]);
    expect(disguised.status).toBe(415);
    const big = Buffer.alloc(15 * 1024 * 1024 + 10, 0);
    TINY_PNG.copy(big);
    const tooLarge = await upload(member, task.taskId, { id: crypto.randomUUID() }, [{ ...png, data: big }]);
    expect(tooLarge.status).toBe(413);
    const pdf = await upload(member, task.taskId, { id: crypto.randomUUID() }, [
      {
        name: 'file',
        fileName: '整改通知.pdf',
        type: 'application/pdf',
        data: Buffer.from('%PDF-1.4\n%…\n'),
      },
    ]);
    expect(pdf.status).toBe(201);
    const stranger = await t.login('inspector2');
    expect((await upload(stranger, task.taskId, { id: crypto.randomUUID() }, [png])).status).toBe(403);
    const leftovers = join(t.dataDir, 'evidence', '.incoming');
    expect(existsSync(leftovers) ? (await import('node:fs')).readdirSync(leftovers) : []).toEqual([]);
  });
});

describe('what the business sees', () => {
  it('sees its own approved inspections without inspector names, and nothing of others', async () => {
    const task = tasks[1];
    const business = await account(t, 'business', samr, { entityId: task.entityId });
    const { rows } = await business.get('/api/my/inspections');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ codes: [{ code: '1', name: '未发现问题' }], endedOn: '2026-09-29' });
    const text = JSON.stringify(rows);
    for (const member of task.team) expect(text).not.toContain(member.username);
    const other = await account(t, 'business', samr, { entityId: tasks[0].entityId });
    expect((await other.get('/api/my/inspections')).rows).toEqual([]);
    expect((await business.request('GET', `/api/tasks/${task.taskId}/inspection`)).status).toBe(403);
  });
});

describe('a joint task', () => {
  it('has each department record its own items and results, and the lead department sees one consolidated record', async () => {
    const health = await orgId(t.database, '440305-HEALTH');
    const samrItem = await checklistItem(t.database, samr, 'JOINT-SAMR', '联合检查：营业执照');
    const healthItem = await checklistItem(t.database, health, 'JOINT-HEALTH', '联合检查：从业人员健康证明', {
      mains: [
        {
          title: '从业人员',
          subs: [
            {
              title: '健康证明',
              contents: [{ text: '从业人员是否持有效健康证明', method: '查阅资料', compliant: '均持证' }],
            },
          ],
        },
      ],
    });
    const [task] = await drawnTasks(
      t,
      [{ itemId: samrItem.itemId }, { itemId: healthItem.itemId, orgId: health }],
      { cooperating: [health] },
    );
    const samrLead = task.team[task.teamOrgs.indexOf(samr)];
    const healthLead = task.team[task.teamOrgs.indexOf(health)];
    const healthView = await healthLead.get(`/api/tasks/${task.taskId}/inspection`);
    expect(healthView.items.map((i: { name: string }) => i.name)).toEqual(['联合检查：从业人员健康证明']);
    expect(healthView.checklists.map((c: { id: string }) => c.id)).toEqual([healthItem.checklistId]);
    expect(healthView.can.submit).toBe(true);
    expect(healthView.departments.find((d: { id: string }) => d.id === samr).lead).toBe(true);

    await cleanRecord(samrLead, task.taskId, '2026-09-29T10:00:00+08:00', ['1']);
    const healthRecord = await sync(healthLead, task.taskId, 0, [
      ...markAll(healthView, 'not'),
      field('method', 'onsite'),
      field('codes', ['5']),
      field('disposition', 'notify_other'),
    ]);
    expect(healthRecord.record.findings).toHaveLength(1);

    const joint = await samrLead.get(`/api/tasks/${task.taskId}/consolidated`);
    expect(joint.departments.map((d: { orgId: string; lead: boolean }) => [d.orgId, d.lead])).toEqual([
      [samr, true],
      [health, false],
    ]);
    expect(joint.departments[1]).toMatchObject({
      codes: ['A', '5'],
      findings: { contents: 1, not: 1, unmarked: 0 },
    });
    expect(joint.departments[0].findings).toMatchObject({ contents: 3, compliant: 3 });
    expect(joint.codes).toEqual(['1', 'A', '5']);
    expect(joint.complete).toBe(false);
    // Only the lead department's team (and its reviewers) see the consolidated record.
    expect((await healthLead.request('GET', `/api/tasks/${task.taskId}/consolidated`)).status).toBe(403);
    expect((await reviewer.request('GET', `/api/tasks/${task.taskId}/consolidated`)).status).toBe(200);
    // Market supervision's reviewer does not review the health department's part.
    expect((await reviewer.request('GET', `/api/inspections/${healthRecord.record.id}`)).status).toBe(403);
  });
});
