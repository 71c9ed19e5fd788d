// The kit path end to end: TV-1 reproduced by the module (storage, reveal, draw, teams, export), a
// genuine drand beacon, and the exported demo kit checked by the `tianping verify` command.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tv1Json from '../../../test/fixtures/TV-1.json' with { type: 'json' };
import { type Agent, type TestApp, testApp } from '../../../test/support/app.ts';
import { NANSHAN_SAMR, orgId, planBody, publishedPlan, storedDraw } from '../../../test/support/draws.ts';
import { sha256Node } from '../../core/draw/hash-node.ts';
import { type Commitment, type Kit, verifyKit } from '../../core/draw/index.ts';
import { SYSTEM_ACTOR } from '../audit/repo.ts';
import { beaconIsValid, QUICKNET, verifyDrand } from './drand.ts';
import { frameDigestOf } from './frame.ts';
import { kitJson, loadKit } from './kit.ts';
import type { Roster } from './roster.ts';
import { type Operator, revealDraw } from './service.ts';

const run = promisify(execFile);
const tv1 = tv1Json as Kit;
const SYSTEM: Operator = { actor: SYSTEM_ACTOR, userId: null, orgPath: '/' };
/** quicknet round 14517013 (2025-01-08 16:40:03 UTC), as https://api.drand.sh/<quicknet>/public/14517013 serves it. */
const BEACON = {
  round: 14517013,
  randomness: '97d920a0817f74b4dbff89a721faeda4ea307bc5d8890ebb833700ea68b2d106',
  signature:
    '83236a954108c9de257b6a10c838f3e3f215eb3bd25c2261f42b4a6204d6b00a3f216b8d88dcd7947cba97d39f2e16c5',
};

let t: TestApp;
let dept: Agent;
let samr: { id: string; code: string; name: string };
let inspectorIds: string[];
beforeAll(async () => {
  t = await testApp({ entities: 1000, inspectors: 300 });
  dept = await t.login('dept_admin');
  const id = await orgId(t.database, NANSHAN_SAMR);
  samr = { id, code: NANSHAN_SAMR, name: '南山监管局' };
  // TV-1's businesses and inspectors, in Nanshan.
  await t.database.db
    .insertInto('entity')
    .values(
      tv1.frame.flatMap(({ label, ids }) =>
        ids.map((identifier) => ({
          uscc: identifier,
          identifier,
          name: `TV-1 ${identifier}`,
          kind: 'enterprise' as const,
          region_code: '440305001',
          credit_class: label as 'A',
          org_id: id,
        })),
      ),
    )
    .execute();
  inspectorIds = [...new Set(tv1.result.teams.flatMap((x) => x.eligible))].sort();
  await t.database.db
    .insertInto('inspector')
    .values(
      inspectorIds.map((cert) => ({
        org_id: id,
        region_code: '440305',
        name: `检查员${cert}`,
        cert_no: cert,
        cert_expires_on: '2030-12-31',
      })),
    )
    .execute();
});
afterAll(() => t?.close());

/**
 * A roster that makes §5 give exactly TV-1's eligible lists: every inspector not on a task's list has
 * declared a conflict with its business, and the selected businesses TV-1 gives no team have a
 * conflict with everyone (they stay unassigned and consume no randomness).
 */
function tv1Roster(): Roster {
  const lists = new Map(tv1.result.teams.map((x) => [x.entity, x.eligible]));
  const conflicts: [string, string][] = [];
  for (const entity of tv1.result.strata.flatMap((s) => s.picks)) {
    const eligible = lists.get(entity) ?? [];
    for (const inspector of inspectorIds)
      if (!eligible.includes(inspector)) conflicts.push([inspector, entity]);
  }
  return {
    spec: 'tianping-roster/1',
    valid_through: '2026-12-31',
    departments: [
      {
        org_id: samr.id,
        org_code: samr.code,
        inspectors: inspectorIds.map((cert) => ({ id: cert, office: null, qualifications: [], load: 0 })),
      },
    ],
    conflicts: conflicts.sort(),
    tag_qualifications: {},
  };
}

async function tv1Draw(commitment: Commitment, committedAt: Date) {
  const plan = await publishedPlan(dept, planBody(samr.id, { name: `kit ${commitment.draw_id}` }));
  return storedDraw(t.database, {
    planId: plan.id,
    batchId: plan.batches[0].id,
    department: samr,
    commitment,
    frame: tv1.frame,
    roster: tv1Roster(),
    committedAt,
  });
}

describe('TV-1 through the module', () => {
  it('hashes the frame as the independent implementation did', () => {
    const strata = tv1.frame.map(({ label, ids }) => ({ label, size: ids.length, text: ids.join('\n') }));
    expect(frameDigestOf(strata)).toBe(tv1.commitment.frame_digest);
  });

  it('reveals, draws, assigns teams and exports a kit that reproduces TV-1 to the last pick', async () => {
    const id = await tv1Draw(tv1.commitment, new Date('2026-11-19T08:00:00Z'));
    await revealDraw(t.database, SYSTEM, id, [
      { kind: 'values', groups: tv1.reveal[0].kind === 'values' ? tv1.reveal[0].groups : [] },
    ]);
    const kit = await loadKit(t.database.db, id);
    expect(kit.spec).toBe(tv1.spec);
    expect(kit.commitment).toEqual(tv1.commitment);
    expect(kit.frame).toEqual(tv1.frame);
    expect(kit.reveal).toEqual(tv1.reveal);
    expect(kit.seed_hex).toBe(tv1.seed_hex);
    expect(kit.result.strata).toEqual(tv1.result.strata);
    // TV-1 publishes the teams of its first three tasks; the module drew those exactly, and left the
    // other selected businesses unassigned, as their rosters allowed nobody.
    expect(kit.result.teams.slice(0, 3)).toEqual(tv1.result.teams);
    expect(kit.result.teams.slice(3).map((x) => x.team)).toEqual(Array(8).fill([]));
    expect((await verifyKit(kit, { sha256: sha256Node })).ok).toBe(true);
  });
});

describe('a drand source', () => {
  it('accepts the genuine quicknet beacon of the round and nothing else', async () => {
    expect(await beaconIsValid(QUICKNET.hash, BEACON, BEACON.round)).toBe(true);
    expect(await beaconIsValid(QUICKNET.hash, BEACON, BEACON.round + 1)).toBe(false);
    expect(await beaconIsValid(QUICKNET.hash, { ...BEACON, round: BEACON.round + 1 }, BEACON.round + 1)).toBe(
      false,
    );
    const flipped = `${BEACON.signature.slice(0, -2)}${BEACON.signature.endsWith('c5') ? 'c6' : 'c5'}`;
    expect(await beaconIsValid(QUICKNET.hash, { ...BEACON, signature: flipped }, BEACON.round)).toBe(false);
    expect(await beaconIsValid('00'.repeat(32), BEACON, BEACON.round)).toBe(false);
  });

  it('draws from a pasted beacon committed before its round, and the kit checks the signature', async () => {
    const commitment: Commitment = {
      ...tv1.commitment,
      draw_id: 'DRAND-1',
      sources: [{ kind: 'drand', chain: QUICKNET.hash, round: BEACON.round }],
    };
    // Committed 40 minutes before the round was published.
    const id = await tv1Draw(commitment, new Date('2025-01-08T16:00:00Z'));
    await revealDraw(t.database, SYSTEM, id, [{ kind: 'drand', beacon: JSON.stringify(BEACON) }]);
    const kit = await loadKit(t.database.db, id);
    expect(kit.reveal).toEqual([{ kind: 'drand', ...BEACON }]);
    expect((await verifyKit(kit, { sha256: sha256Node, verifyDrand })).ok).toBe(true);
    const unchecked = await verifyKit(kit, { sha256: sha256Node });
    expect(unchecked.checks.find((c) => c.id === 'sources')?.mismatches).toEqual([
      `source 1 (drand): drand round ${BEACON.round}: signature not checked (no verifyDrand given)`,
    ]);
  });
});

describe('tianping verify', () => {
  const cli = join(import.meta.dirname, '../../cli.ts');
  const dir = mkdtempSync(join(tmpdir(), 'tianping-kit-'));
  const env = { ...process.env, TIANPING_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const tianping = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [cli, ...args], { env });
      return { code: 0, stdout };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout: stdout + stderr };
    }
  };

  async function demoKitFile(): Promise<string> {
    const { rows } = (await t.app.inject({ url: '/api/public/draws?q=南山监管局2026' })).json();
    const { id } = rows[0];
    const file = join(dir, 'demo.kit.json');
    if (t.database.url) {
      // On PostgreSQL the command reads the same database the server wrote.
      const exported = await run(process.execPath, [cli, 'draw', 'export', id, '--out', file], {
        env: { ...env, DATABASE_URL: t.database.url },
      });
      expect(exported.stdout).toMatch(/kit of D\d{4}-\d{6} written/);
      const listed = await run(process.execPath, [cli, 'draw', 'list', '--json'], {
        env: { ...env, DATABASE_URL: t.database.url },
      });
      expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    } else {
      let text = '';
      for await (const piece of kitJson(t.database.db, id)) text += piece;
      writeFileSync(file, text);
    }
    return file;
  }

  it('exits 0 on the exported demo kit and prints every check', async () => {
    const file = await demoKitFile();
    const { code, stdout } = await tianping('verify', file);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ 对象名录摘要与承诺一致 / Frame digest matches the commitment');
    expect(stdout).toContain('VERIFIED: every check holds');
    const replay = await tianping('draw', 'replay', file);
    const kit: Kit = JSON.parse(readFileSync(file, 'utf8'));
    expect(replay.stdout).toContain(`  picks: ${kit.result.strata[1].picks.join(' ')}`);
  });

  it('replays the adjustments of the public draw JSON with --adjustments, and catches a forged one', async () => {
    const file = await demoKitFile();
    const code = (JSON.parse(readFileSync(file, 'utf8')) as Kit).commitment.draw_id;
    const publicDraw = async () => (await t.app.inject({ url: `/api/public/draws/${code}` })).json();
    const { rows } = (await t.app.inject({ url: `/api/public/draws/${code}/picks` })).json();
    const task = rows.find((r: { selected: boolean; team: string[] }) => r.selected && r.team.length > 0);
    const adjusted = await dept.request('POST', `/api/draws/${(await publicDraw()).id}/adjustments`, {
      kind: 'replace_inspector',
      taskId: task.taskId,
      certNo: task.team[0],
      reason: '病假',
    });
    expect(adjusted.status).toBe(201);
    const draw = await publicDraw();
    const drawFile = join(dir, 'draw.json');
    writeFileSync(drawFile, JSON.stringify(draw));
    const ok = await tianping('verify', file, '--adjustments', drawFile);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('✓ 调整记录可重放（1 条）');
    const { detail } = draw.adjustments[0];
    detail.added = detail.eligible.find((id: string) => id !== detail.added);
    writeFileSync(drawFile, JSON.stringify(draw));
    const forged = await tianping('verify', file, '--adjustments', drawFile);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/✗ 调整记录可重放[\s\S]*adjustment 1 \(440305-SAMR\): added/);
  });

  it('exits 1 listing the mismatch when the frame, the seed or a pick was tampered with', async () => {
    const kit: Kit = JSON.parse(readFileSync(await demoKitFile(), 'utf8'));
    const tampered = async (change: (k: Kit) => void) => {
      const copy = structuredClone(kit);
      change(copy);
      const file = join(dir, 'tampered.kit.json');
      writeFileSync(file, JSON.stringify(copy));
      return tianping('verify', file);
    };
    const b = kit.result.strata.findIndex((s) => s.picks.length > 0);
    const frame = await tampered((k) => {
      const ids = k.frame[0].ids;
      ids[ids.length - 1] = `${ids[ids.length - 1]}X`;
    });
    expect(frame.code).toBe(1);
    expect(frame.stdout).toContain('✗ 对象名录摘要与承诺一致');
    expect(frame.stdout).toMatch(/frame digest is [0-9a-f]{64}, committed [0-9a-f]{64}/);

    const seed = await tampered((k) => {
      k.seed_hex = `${k.seed_hex.slice(0, -1)}${k.seed_hex.endsWith('0') ? '1' : '0'}`;
    });
    expect(seed.code).toBe(1);
    expect(seed.stdout).toMatch(/✗ 随机种子[\s\S]*seed is [0-9a-f]{64}, kit says/);

    const pick = await tampered((k) => {
      const outsider = k.frame[b].ids.find(
        (id) => !k.result.strata[b].picks.includes(id) && !k.result.strata[b].alternates.includes(id),
      )!;
      k.result.strata[b].picks[0] = outsider;
    });
    expect(pick.code).toBe(1);
    expect(pick.stdout).toMatch(/✗ 各层抽中对象[\s\S]*picks #1: kit has "[^"]+", recomputed "[^"]+"/);
    expect(pick.stdout).toContain('NOT VERIFIED');
  });
});
