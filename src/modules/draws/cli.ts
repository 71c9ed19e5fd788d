// `tianping verify KIT` and `tianping draw …`: verification and replay need no database (anyone can run
// them on a downloaded kit); list, export and run work on the configured database.
import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip, gunzipSync } from 'node:zlib';
import { type Command, withDatabase } from '../../cli/command.ts';
import { ConfigError } from '../../config.ts';
import { sha256Node } from '../../core/draw/hash-node.ts';
import { type Kit, replayKit, rfc3797Select, verifyKit } from '../../core/draw/index.ts';
import { DomainError } from '../../http/errors.ts';
import { SYSTEM_ACTOR } from '../audit/repo.ts';
import { verifyDrand } from './drand.ts';
import { parseJsonBytes } from './json-bytes.ts';
import { kitJson } from './kit.ts';
import { type PublicAdjustment, replayAdjustments } from './replay.ts';
import { drawListRow, listDraws, publicDraw } from './repo.ts';
import { commitDraw, type Operator, revealDraw } from './service.ts';

const BIG_KIT = 256 * 1024 * 1024;

const SYSTEM: Operator = { actor: SYSTEM_ACTOR, userId: null, orgPath: '/' };

/** A kit file, plain or gzip-compressed (as the public download may be saved). */
function readKit(file: string): Kit {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  try {
    // A city's kit outgrows the longest string V8 allows: parse those from the bytes.
    return (bytes.length > BIG_KIT ? parseJsonBytes(bytes) : JSON.parse(bytes.toString('utf8'))) as Kit;
  } catch (error) {
    throw new ConfigError(`${file} is not a JSON kit: ${(error as Error).message}`);
  }
}

/** "2,5,12" or "2 5 12" → [2, 5, 12]. */
function numberGroup(text: string): number[] {
  const parts = text.split(/[\s,，]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p)))
    throw new ConfigError(`--values must be whole numbers separated by commas, got "${text}"`);
  return parts.map(Number);
}

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new ConfigError(`--${name} must be a whole number`);
  return Number(value);
}

export const verifyCommand: Command = {
  usage: 'verify KIT [--adjustments DRAW.json]',
  summary:
    'recompute a draw from its kit (DRAW-SPEC §6) and its adjustments from the public draw JSON; exit 0 when every check holds, 1 listing each mismatch',
  async run(args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { adjustments: { type: 'string' } },
    });
    if (positionals.length !== 1)
      throw new ConfigError('usage: tianping verify KIT [--adjustments DRAW.json]');
    const kit = readKit(positionals[0]);
    const { checks } = await verifyKit(kit, { sha256: sha256Node, verifyDrand });
    const results = checks.map((c) => ({
      ok: c.ok,
      title: `${c.title.zh} / ${c.title.en}`,
      mismatches: c.mismatches,
    }));
    if (values.adjustments) {
      // The draw as GET /api/public/draws/:id answers it, or only its list of adjustments.
      const draw = JSON.parse(readFileSync(values.adjustments, 'utf8'));
      const adjustments: PublicAdjustment[] = Array.isArray(draw) ? draw : draw.adjustments;
      const mismatches = await replayAdjustments(
        sha256Node,
        kit.seed_hex,
        kit.commitment.team_size,
        adjustments,
      );
      results.push({
        ok: mismatches.length === 0,
        title: `调整记录可重放（${adjustments.length} 条）/ Adjustments replay (${adjustments.length})`,
        mismatches,
      });
    }
    console.log(`kit of draw ${kit.commitment?.draw_id ?? '?'} (${kit.spec})`);
    for (const check of results) {
      console.log(`${check.ok ? '✓' : '✗'} ${check.title}`);
      for (const mismatch of check.mismatches) console.log(`    ${mismatch}`);
    }
    const failed = results.filter((c) => !c.ok).length;
    console.log(
      failed === 0
        ? 'VERIFIED: every check holds'
        : `NOT VERIFIED: ${failed} of ${results.length} checks failed`,
    );
    return failed === 0 ? 0 : 1;
  },
};

const subcommands: Record<string, { usage: string; run(args: string[]): Promise<number> }> = {
  list: {
    usage: 'draw list [--json]',
    async run(args) {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
      return withDatabase(async (database) => {
        const { rows } = await listDraws(database.db, { page: 1, pageSize: 100_000 });
        const draws = rows.map(drawListRow);
        if (values.json) console.log(JSON.stringify(draws, null, 2));
        else
          for (const d of draws)
            console.log(`${d.code}  ${d.status.padEnd(9)}  ${d.id}  ${d.planName}（${d.batchName}）`);
        return 0;
      });
    },
  },
  export: {
    usage: 'draw export DRAW_ID --out FILE',
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { out: { type: 'string' } },
      });
      if (positionals.length !== 1 || !values.out)
        throw new ConfigError(
          'usage: tianping draw export DRAW_ID --out FILE (FILE.gz for a compressed kit)',
        );
      return withDatabase(async (database) => {
        const { id, code } = await publicDraw(database.db, positionals[0]);
        const out = values.out!;
        const source = Readable.from(kitJson(database.db, id));
        if (out.endsWith('.gz')) await pipeline(source, createGzip(), createWriteStream(out));
        else await pipeline(source, createWriteStream(out));
        console.log(`kit of ${code} written to ${out}`);
        return 0;
      });
    },
  },
  replay: {
    usage: 'draw replay KIT',
    async run(args) {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new ConfigError('usage: tianping draw replay KIT');
      const kit = readKit(positionals[0]);
      const replay = await replayKit(kit, { sha256: sha256Node });
      console.log(`draw ${kit.commitment.draw_id}`);
      console.log(`seed ${replay.seed_hex}`);
      for (const [h, stratum] of replay.strata.entries()) {
        const { size, sample } = kit.commitment.strata[h];
        console.log(`stratum ${stratum.label}: ${stratum.picks.length} of ${size} (sample ${sample})`);
        console.log(`  picks: ${stratum.picks.join(' ')}`);
        console.log(`  alternates: ${stratum.alternates.join(' ')}`);
      }
      for (const [t, { entity, eligible, team }] of replay.teams.entries()) {
        console.log(
          `task ${t + 1} ${entity}: ${team.length ? `lead ${team[0]}, ${team.slice(1).join(' ')}` : 'unassigned'} (of ${eligible.length} eligible)`,
        );
      }
      return 0;
    },
  },
  rfc3797: {
    usage: 'draw rfc3797 --pool N --count K --values 9319 --values 2,5,12,8,10',
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          pool: { type: 'string' },
          count: { type: 'string' },
          values: { type: 'string', multiple: true },
        },
      });
      if (!values.values?.length)
        throw new ConfigError('give the published numbers with --values (one per group)');
      const positions = rfc3797Select(
        wholeNumber(values.pool, 'pool'),
        wholeNumber(values.count, 'count'),
        values.values.map(numberGroup),
      );
      console.log(positions.join(' '));
      return 0;
    },
  },
  run: {
    usage: 'draw run PLAN_ID --values 1,2,3 [--values …] [--batch N] [--description TEXT]',
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          values: { type: 'string', multiple: true },
          batch: { type: 'string' },
          description: { type: 'string' },
        },
      });
      if (positionals.length !== 1 || !values.values?.length)
        throw new ConfigError('usage: tianping draw run PLAN_ID --values 1,2,3 [--values …]');
      const groups = values.values.map(numberGroup);
      const seq = values.batch === undefined ? 1 : wholeNumber(values.batch, 'batch');
      return withDatabase(async (database) => {
        try {
          const batch = await database.db
            .selectFrom('plan_batch')
            .select('id')
            .where('plan_id', '=', positionals[0])
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!batch) throw new ConfigError(`plan ${positionals[0]} has no batch ${seq}`);
          const description = values.description ?? `published numbers: ${values.values!.join(' / ')}`;
          const { id } = await commitDraw(database, SYSTEM, positionals[0], {
            batchId: batch.id,
            sources: [{ kind: 'values', description }],
          });
          const { code, counts } = await revealDraw(database, SYSTEM, id, [{ kind: 'values', groups }]);
          console.log(`${code} ${id} completed: ${JSON.stringify(counts)}`);
          return 0;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          console.error(`${error.message} (${error.messageEn})`);
          return error.status === 409 ? 3 : 1;
        }
      });
    },
  },
};

export const drawCommand: Command = {
  usage: 'draw list|export|replay|rfc3797|run …',
  summary:
    'draws: list [--json], export DRAW_ID --out FILE, replay KIT, rfc3797 --pool N --count K --values …, run PLAN_ID --values …',
  async run(args) {
    const [name, ...rest] = args;
    const sub = subcommands[name];
    if (!sub) {
      console.error(['usage:', ...Object.values(subcommands).map((s) => `  tianping ${s.usage}`)].join('\n'));
      return 2;
    }
    return sub.run(rest);
  },
};

export const drawCommands: Record<string, Command> = { verify: verifyCommand, draw: drawCommand };
