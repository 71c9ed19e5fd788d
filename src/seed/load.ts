// Loads the demo city: erases every table, then copies in the generated organisations,
// businesses, inspectors and conflicts, and creates one account per role.
import { sql } from 'kysely';
import { addDays } from '../core/calendar/workdays.ts';
import { withIndexesDeferred } from '../db/bulk.ts';
import type { Database } from '../db/connection.ts';
import type { CopyValue } from '../db/copy.ts';
import { ROOT_ORG_CODE } from '../db/migrate.ts';
import { appendAudit, SYSTEM_ACTOR } from '../modules/audit/repo.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { loadCreditDemo } from '../modules/credit/demo.ts';
import { today } from '../modules/credit/service.ts';
import { loadDemoDraw } from '../modules/draws/demo.ts';
import { loadDemoInspections } from '../modules/inspections/demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
import { loadPublishedHistory } from './history.ts';
import {
  buildCity,
  type EntityRow,
  generateConflicts,
  generateEntities,
  generateInspectors,
} from './index.ts';
import { demoChecklists, demoItems } from './items.ts';
import { entityTags } from './registers.ts';

/** Share of the businesses inspected in the year of published history: 4 %. */
const HISTORY_RATIO_BP = 400;
/** From this many businesses on, the (emptied) entity table's indexes are built after the load. */
const BULK_ROWS = 100_000;

export interface DemoOptions {
  entities: number;
  inspectors: number;
  seed: string;
  dataDir: string;
}

export interface DemoResult {
  counts: Record<string, number>;
}

const ORG_COLUMNS = [
  'id',
  'code',
  'name',
  'short_name',
  'parent_id',
  'level',
  'kind',
  'department',
  'region_code',
  'path',
] as const;
const ENTITY_COLUMNS = [
  'id',
  'uscc',
  'reg_no',
  'identifier',
  'name',
  'kind',
  'legal_rep',
  'reg_address',
  'biz_address',
  'region_code',
  'industry_code',
  'registered_on',
  'status',
  'capital_wan',
  'phone',
  'tags',
  'credit_class',
  'abnormal_listed',
  'serious_listed',
  'complaint_count',
  'org_id',
  'in_directory',
] as const;
const INSPECTOR_COLUMNS = [
  'id',
  'org_id',
  'office_id',
  'region_code',
  'name',
  'cert_no',
  'cert_expires_on',
  'qualifications',
  'is_expert',
  'is_leader',
  'status',
  'id_card',
  'phone',
] as const;
const CONFLICT_COLUMNS = ['id', 'inspector_id', 'entity_id', 'party', 'kind', 'reason'] as const;
const TAG_COLUMNS = ['name', 'required_qualification', 'requires_expert', 'description'] as const;
const ITEM_COLUMNS = [
  'id',
  'code',
  'year',
  'owner_department',
  'owner_org_id',
  'department',
  'category',
  'name',
  'target',
  'item_type',
  'methods',
  'subject',
  'legal_basis',
  'ratio_bp',
  'frequency',
  'level',
  'is_joint',
  'field',
  'initiating_department',
  'cooperating_departments',
  'required_qualification',
  'seq',
  'org_id',
] as const;
const CHECKLIST_COLUMNS = ['id', 'item_id', 'version', 'status', 'content', 'note', 'published_at'] as const;

const pick =
  (columns: readonly string[]) =>
  (row: object): CopyValue[] =>
    columns.map((c) => (row as Record<string, CopyValue>)[c]);

/**
 * True when the database holds nothing but what `migrate` creates (at most the root organisation):
 * the demo city may then replace it. Anything imported or created since makes it non-empty.
 */
export async function isEmpty(database: Database): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`select
    exists (select 1 from org where code <> ${ROOT_ORG_CODE})
    or exists (select 1 from app_user) or exists (select 1 from entity)
    or exists (select 1 from inspector) or exists (select 1 from inspection_item) as used`.execute(
    database.db,
  );
  return !rows[0].used;
}

/** Every application table except the migration log. */
async function eraseAll(database: Database) {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename <> 'schema_migration'`.execute(
    database.db,
  );
  if (tables.rows.length) {
    await sql.raw(`truncate ${tables.rows.map((t) => t.tablename).join(', ')} cascade`).execute(database.db);
  }
}

export async function loadDemoCity(
  database: Database,
  options: DemoOptions,
  progress: (step: string) => void = () => {},
): Promise<DemoResult> {
  const counts: Record<string, number> = {};
  progress('erasing the database');
  await eraseAll(database);

  const city = buildCity(options.seed);
  counts.organisations = await database.copyIn('org', ORG_COLUMNS, city.orgs.map(pick(ORG_COLUMNS)));

  progress(`generating and copying ${options.entities} businesses`);
  // A spread-out sample of businesses for the inspectors' declared conflicts.
  const sample: EntityRow[] = [];
  const every = Math.max(1, Math.floor(options.entities / 20_000));
  const entityRows = function* () {
    let n = 0;
    for (const e of generateEntities(options.seed, options.entities, city)) {
      if (n++ % every === 0) sample.push(e);
      yield pick(ENTITY_COLUMNS)(e);
    }
  };
  const copyEntities = () => database.copyIn('entity', ENTITY_COLUMNS, entityRows());
  counts.entities = await (options.entities >= BULK_ROWS
    ? withIndexesDeferred(database, 'entity', { constraints: true }, copyEntities)
    : copyEntities());

  progress(`generating and copying ${options.inspectors} inspectors`);
  const inspectors = generateInspectors(options.seed, options.inspectors, city);
  counts.inspectors = await database.copyIn(
    'inspector',
    INSPECTOR_COLUMNS,
    inspectors.map(pick(INSPECTOR_COLUMNS)),
  );
  const conflicts = generateConflicts(options.seed, inspectors, sample);
  counts.conflicts = await database.copyIn(
    'inspector_conflict',
    CONFLICT_COLUMNS,
    conflicts.map(pick(CONFLICT_COLUMNS)),
  );

  progress('loading the tag dictionary, the 2026 item list and its checklists');
  counts.tags = await database.copyIn('entity_tag', TAG_COLUMNS, entityTags().map(pick(TAG_COLUMNS)));
  const items = demoItems(options.seed, city);
  counts.items = await database.copyIn('inspection_item', ITEM_COLUMNS, items.map(pick(ITEM_COLUMNS)));
  counts.checklists = await database.copyIn(
    'checklist',
    CHECKLIST_COLUMNS,
    demoChecklists(options.seed, items).map(pick(CHECKLIST_COLUMNS)),
  );
  // New items continue the demo's codes.
  await sql`select setval('inspection_item_code_seq', ${items.length})`.execute(database.db);

  progress('creating demo accounts');
  counts.accounts = await createDemoAccounts(database);

  Object.assign(counts, await loadCreditDemo(database, options, progress));

  progress('loading a year of published inspection results');
  // The history ends a month ago, so every record in it has had time to be published.
  counts.publishedHistory = await database.transaction(({ db }) =>
    loadPublishedHistory(db, {
      seed: options.seed,
      ratioBp: HISTORY_RATIO_BP,
      until: addDays(today(), -30),
      days: 365,
    }),
  );

  await database.transaction(async ({ db }) => {
    await db
      .insertInto('setting')
      .values({
        key: 'demo',
        value: JSON.stringify({ ...options, dataDir: undefined, loadedAt: new Date().toISOString() }),
      })
      .execute();
    await appendAudit(db, SYSTEM_ACTOR, {
      action: 'demo.loaded',
      subjectType: 'system',
      after: { seed: options.seed, counts },
    });
  });
  await sql`analyze`.execute(database.db);
  progress('drawing the demo plan');
  counts.draws = (await loadDemoDraw(database)) ? 1 : 0;
  progress('inspecting some of the demo tasks');
  counts.inspections = await loadDemoInspections(database);
  return { counts };
}

async function createDemoAccounts(database: Database): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const db = database.db;
  for (const account of DEMO_ACCOUNTS) {
    const org = await db
      .selectFrom('org')
      .select(['id', 'region_code'])
      .where('code', '=', account.orgCode)
      .executeTakeFirstOrThrow();
    let displayName = account.displayName;
    let inspectorId: string | null = null;
    let entityId: string | null = null;
    if (account.link === 'inspector') {
      const taken = db.selectFrom('app_user').select('inspector_id').where('inspector_id', 'is not', null);
      const inspector = await db
        .selectFrom('inspector')
        .select(['id', 'name'])
        .where('org_id', '=', org.id)
        .where('status', '=', 'on_duty')
        .where('cert_expires_on', '>', sql<string>`current_date + 60`)
        .where('id', 'not in', taken)
        .orderBy('cert_no')
        .limit(1)
        .executeTakeFirstOrThrow();
      inspectorId = inspector.id;
      displayName = inspector.name;
    }
    if (account.link === 'entity') {
      const entity = await db
        .selectFrom('entity')
        .select(['id', 'name'])
        .where('region_code', 'like', `${org.region_code}%`)
        .where('kind', '=', 'enterprise')
        .where('status', '=', 'active')
        .orderBy('identifier')
        .limit(1)
        .executeTakeFirstOrThrow();
      entityId = entity.id;
      displayName = entity.name;
    }
    await db
      .insertInto('app_user')
      .values({
        username: account.username,
        display_name: displayName,
        role: account.role,
        org_id: org.id,
        inspector_id: inspectorId,
        entity_id: entityId,
        password_hash: passwordHash,
      })
      .execute();
  }
  return DEMO_ACCOUNTS.length;
}
