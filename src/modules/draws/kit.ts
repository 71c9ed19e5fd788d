// The verification kit of a draw (DRAW-SPEC §6), written from what was stored — the frozen frame, the
// published commitment and reveal, the picks and the drawn teams — so that any change to the stored
// draw shows up when the kit is verified. At city scale a kit holds millions of ids and the eligible
// list of every task, so it is produced as a stream of JSON text, never as one string.
import type { Kysely } from 'kysely';
import type { Kit } from '../../core/draw/index.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { decompress } from './frame.ts';
import { fromBitset } from './roster.ts';
import { loadRoster } from './service.ts';

const ID_CHUNK = 50_000;

function* idList(ids: readonly string[]): Generator<string> {
  yield '[';
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    yield (i ? ',' : '') +
      ids
        .slice(i, i + ID_CHUNK)
        .map((id) => JSON.stringify(id))
        .join(',');
  }
  yield ']';
}

/** The stored draw behind a kit; a kit exists once the sources are revealed. */
export async function kitDraw(db: Kysely<DB>, drawId: string) {
  const draw = await db
    .selectFrom('draw')
    .select(['id', 'code', 'status', 'commitment', 'reveal', 'seed_hex', 'roster_gz', 'completed_at'])
    .where('id', '=', drawId)
    .executeTakeFirst();
  if (!draw) throw notFound('抽取', 'Draw');
  if (draw.seed_hex === null || draw.completed_at === null)
    throw conflict('该抽取尚未完成，还没有验证包', 'The draw is not completed: it has no kit yet');
  return draw;
}

/** The kit as JSON text, piece by piece, in the key order of §6. */
export async function* kitJson(db: Kysely<DB>, drawId: string): AsyncGenerator<string> {
  const draw = await kitDraw(db, drawId);
  yield `{"spec":"tianping-draw/1","commitment":${JSON.stringify(draw.commitment)},"frame":[`;
  const frame = await db
    .selectFrom('draw_frame')
    .select(['h', 'label'])
    .where('draw_id', '=', drawId)
    .orderBy('h')
    .execute();
  for (const { h, label } of frame) {
    // One stratum in memory at a time.
    const { text_gz } = await db
      .selectFrom('draw_frame')
      .select('text_gz')
      .where('draw_id', '=', drawId)
      .where('h', '=', h)
      .executeTakeFirstOrThrow();
    const text = await decompress(text_gz);
    yield `${h ? ',' : ''}{"label":${JSON.stringify(label)},"ids":`;
    yield* idList(text === '' ? [] : text.split('\n'));
    yield '}';
  }
  yield `],"reveal":${JSON.stringify(draw.reveal)},"result":{"strata":[`;
  const picks = await db
    .selectFrom('draw_pick')
    .select(['h', 'identifier', 'selected'])
    .where('draw_id', '=', drawId)
    .orderBy('h')
    .orderBy('rank')
    .execute();
  for (const [h, { label }] of frame.entries()) {
    const here = picks.filter((p) => p.h === h);
    yield `${h ? ',' : ''}{"label":${JSON.stringify(label)},"picks":`;
    yield* idList(here.filter((p) => p.selected).map((p) => p.identifier));
    yield ',"alternates":';
    yield* idList(here.filter((p) => !p.selected).map((p) => p.identifier));
    yield '}';
  }
  yield '],"teams":[';
  const roster = await loadRoster(draw);
  const PAGE = 5000;
  let first = true;
  for (let after = -1; ; ) {
    const rows = await db
      .selectFrom('draw_assignment')
      .select(['seq', 'd', 'identifier', 'eligible', 'team'])
      .where('draw_id', '=', drawId)
      .where('seq', '>', after)
      .where('seq', '<=', after + PAGE)
      .orderBy('seq')
      .orderBy('d')
      .execute();
    if (rows.length === 0) break;
    let piece = '';
    for (const { d, identifier, eligible, team } of rows) {
      const { inspectors } = roster.departments[d];
      const ids = fromBitset(eligible, inspectors.length).map((n) => inspectors[n].id);
      piece += `${first ? '' : ','}{"entity":${JSON.stringify(identifier)},"eligible":${JSON.stringify(ids)},"team":${JSON.stringify(team)}}`;
      first = false;
    }
    yield piece;
    after += PAGE;
  }
  yield `]},"seed_hex":${JSON.stringify(draw.seed_hex)}}`;
}

/** The whole kit in memory (tests, small draws). */
export async function loadKit(db: Kysely<DB>, drawId: string): Promise<Kit> {
  let text = '';
  for await (const piece of kitJson(db, drawId)) text += piece;
  return JSON.parse(text);
}
