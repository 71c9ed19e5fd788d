// The demo city's credit step, run by the loader once the businesses are in: the default model,
// the credit events the generator's signals imply (copied in bulk), and one full classification,
// so the demo starts with a snapshot, classes, history and explanations.
import { sql } from 'kysely';
import { withIndexesDeferred } from '../../db/bulk.ts';
import type { Database } from '../../db/connection.ts';
import { type CreditEventRow, generateCreditEvents } from '../../seed/credit.ts';
import { buildCity, DEMO_TODAY, generateEntities } from '../../seed/index.ts';
import { EVENT_COLUMNS } from './repo.ts';
import { dropOrphanPartitions } from './scoring.ts';
import { activeModel, runNow } from './service.ts';

/** From this many businesses on, the event table's indexes are built after the copy. */
const BULK_ROWS = 100_000;

const COLUMNS = EVENT_COLUMNS.filter((c) => c !== 'details' && c !== 'import_id' && c !== 'created_by');

export async function loadCreditDemo(
  database: Database,
  options: { seed: string; entities: number },
  progress: (step: string) => void = () => {},
): Promise<{ creditEvents: number }> {
  await dropOrphanPartitions(database.db);
  await activeModel(database);
  progress('generating and copying credit events');
  // The businesses again, from the same seed: their generated class is the hidden risk that the
  // events express (the table's class is about to be replaced by the model's).
  const entities = generateEntities(options.seed, options.entities, buildCity(options.seed));
  const rows = function* () {
    for (const e of generateCreditEvents(options.seed, entities))
      yield COLUMNS.map((c) => e[c as keyof CreditEventRow]);
  };
  const copy = () => database.copyIn('credit_event', COLUMNS, rows());
  const creditEvents = await (options.entities >= BULK_ROWS
    ? withIndexesDeferred(database, 'credit_event', { constraints: true }, copy)
    : copy());
  await sql`analyze credit_event`.execute(database.db);
  progress('classifying every business (credit-risk classes)');
  await runNow(database, null, { kind: 'full', trigger: 'seed', asOf: DEMO_TODAY });
  return { creditEvents };
}
