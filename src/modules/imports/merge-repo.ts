// The SQL of an import, inside its transaction: a temporary staging table filled by COPY, the
// merging of duplicates inside the file (the last occurrence wins), the matching of rows to the
// records they update, and one upsert that changes only rows whose values differ, so that the
// counts of inserted, updated and unchanged rows are exact and a re-import changes nothing.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ImportKind, RowIssue } from '../../core/import/index.ts';
import { dropIndexes } from '../../db/bulk.ts';
import type { Backend } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { STAGE_COLUMNS, type StageContext, stageTableOf } from './stage-rows.ts';

export interface MergeIssue extends RowIssue {
  severity: 'error' | 'warning';
}

/** A staged row rejected by the merge, with its staged values for the rejected-rows sheet. */
export interface StagedRejection {
  line: number;
  values: Record<string, unknown>;
  reasons: string;
}

export interface MergeResult {
  /** Rows rejected or merged away here, at most `limit` of each (counts are exact). */
  issues: MergeIssue[];
  rejectedRows: StagedRejection[];
  rejected: number;
  merged: number;
}

/** The staging column that holds a field (an inspector's department is staged as its org id). */
export function stageField(field: string): string {
  return field === 'department' ? 'department_name' : field === 'office' ? 'office_name' : field;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Loaded into an empty register with its indexes built afterwards. */
  bulk: boolean;
}

const STAGE = 'import_stage';

/** The next unified item code (一码跟踪), as SQL. */
export const NEW_ITEM_CODE = `'JC-' || lpad(nextval('inspection_item_code_seq')::text, 6, '0')`;

export async function createStage(db: Kysely<DB>, kind: ImportKind): Promise<void> {
  const table = stageTableOf(kind);
  const columns = STAGE_COLUMNS[table].map(([name, type]) => `${name} ${type}`);
  // Entities are matched to existing ones by USCC or 注册号 before the upsert, which needs their id.
  const extra =
    table === 'entities'
      ? [
          'id uuid not null default gen_random_uuid()',
          'matched boolean not null default false',
          'by_reg boolean not null default false',
        ]
      : [];
  await sql
    .raw(
      `create temp table ${STAGE} (line integer not null, ${[...columns, ...extra].join(', ')}) on commit drop`,
    )
    .execute(db);
}

/** Session settings for the big statements of one import transaction. */
export async function tuneImport(db: Kysely<DB>): Promise<void> {
  await sql`select set_config('work_mem', '256MB', true)`.execute(db);
}

interface Removed {
  line: number;
  keep: number | null;
  value: string | null;
  other: string | null;
  staged: Record<string, unknown>;
  total: number;
}

/**
 * Runs a `delete from import_stage s … returning` statement, given as the text after `s`, and
 * describes the removed rows. `returning` must yield line, keep, value and other.
 */
async function removeRows(
  db: Kysely<DB>,
  statement: RawBuilder<unknown>,
  limit: number,
): Promise<{ rows: Removed[]; total: number }> {
  const { rows } = await sql<Removed>`with gone as (${statement})
    select line, keep, value, other, staged, (count(*) over ())::integer as total
    from gone order by line limit ${limit}`.execute(db);
  return { rows, total: rows[0]?.total ?? 0 };
}

interface Describe {
  severity: 'error' | 'warning';
  column: string;
  field: string;
  reason: (row: Removed) => string;
}

function describeRemoved(rows: Removed[], d: Describe): MergeIssue[] {
  return rows.map((row) => ({
    severity: d.severity,
    line: row.line,
    column: d.column,
    field: d.field,
    value: row.value ?? '',
    reason: d.reason(row),
  }));
}

/** Rows sharing `key` with a later row are merged into it: the later line wins. */
async function mergeDuplicates(
  db: Kysely<DB>,
  key: (alias: string) => string,
  value: string,
  what: Omit<Describe, 'severity' | 'reason'> & { same: string },
  limit: number,
  where = 'true',
): Promise<{ issues: MergeIssue[]; total: number }> {
  const statement = sql.raw(`delete from ${STAGE} s
      using (select ${key('d')} as key, max(line) as keep from ${STAGE} d where ${where} group by 1 having count(*) > 1) dup
      where ${key('s')} = dup.key and s.line <> dup.keep
      returning s.line, dup.keep, ${value} as value, null::text as other, null::jsonb as staged`);
  const { rows, total } = await removeRows(db, statement, limit);
  return {
    issues: describeRemoved(rows, {
      ...what,
      severity: 'warning',
      reason: (r) => `与第 ${r.keep} 行重复（${what.same}相同），已合并，以第 ${r.keep} 行为准`,
    }),
    total,
  };
}

export interface MergeOptions {
  context: StageContext;
  /** Header of each field's column in the file, or its standard name. */
  headerOf: (field: string, label: string) => string;
  limit: number;
}

/** Merges in-file duplicates and matches rows to existing records; rejects what cannot be merged. */
export async function resolveStage(
  db: Kysely<DB>,
  kind: ImportKind,
  options: MergeOptions,
): Promise<MergeResult> {
  const result: MergeResult = { issues: [], rejectedRows: [], rejected: 0, merged: 0 };
  const add = (found: { issues: MergeIssue[]; total: number }, severity: 'error' | 'warning') => {
    result.issues.push(...found.issues);
    if (severity === 'error') result.rejected += found.total;
    else result.merged += found.total;
  };
  const reject = async (statement: RawBuilder<unknown>, d: Omit<Describe, 'severity'>) => {
    const { rows, total } = await removeRows(db, statement, options.limit);
    const issues = describeRemoved(rows, { ...d, severity: 'error' });
    add({ issues, total }, 'error');
    rows.forEach((row, i) => {
      result.rejectedRows.push({
        line: row.line,
        values: row.staged,
        reasons: `${d.column}：${issues[i].reason}`,
      });
    });
  };
  const { headerOf, limit, context } = options;

  if (kind === 'entities') await resolveEntities(db, options, add, reject);
  else if (kind === 'inspectors') {
    const cert = headerOf('cert_no', '执法证号');
    add(
      await mergeDuplicates(
        db,
        (a) => `${a}.cert_no`,
        's.cert_no',
        { column: cert, field: 'cert_no', same: '执法证号' },
        limit,
      ),
      'warning',
    );
    if (context.scopePath !== undefined) {
      await reject(
        sql`delete from import_stage s using inspector e
          where e.cert_no = s.cert_no and e.org_id not in (select id from org where path like ${`${context.scopePath}%`})
          returning s.line, null::integer as keep, s.cert_no as value, e.name as other, to_jsonb(s) as staged`,
        {
          column: cert,
          field: 'cert_no',
          reason: (r) => `执法证号已属于其他单位的检查人员（${r.other}），无权修改`,
        },
      );
    }
  } else {
    const joint = kind === 'joint_items';
    const name = headerOf('name', '抽查事项');
    add(
      await mergeDuplicates(
        db,
        (a) =>
          joint
            ? `concat_ws(E'\\x1f', ${a}.initiating_department, ${a}.name)`
            : `concat_ws(E'\\x1f', ${a}.owner_department, ${a}.category, ${a}.name, ${a}.target)`,
        's.name',
        {
          column: name,
          field: 'name',
          same: joint ? '发起部门和抽查事项' : '编制单位、抽查类别、抽查事项和检查对象',
        },
        limit,
      ),
      'warning',
    );
    if (context.scopePath !== undefined) {
      await reject(
        sql`delete from import_stage s using inspection_item i
          where ${itemMatch(joint)} and i.org_id not in (select id from org where path like ${`${context.scopePath}%`})
          returning s.line, null::integer as keep, s.name as value, i.code as other, to_jsonb(s) as staged`,
        { column: name, field: 'name', reason: (r) => `该事项（${r.other}）由其他单位维护，无权修改` },
      );
    }
    if (!joint) {
      const code = headerOf('code', '事项编码');
      await reject(
        sql`delete from import_stage s using inspection_item i
          where s.code is not null and i.code = s.code and i.year = s.year and not (${itemMatch(false)})
          returning s.line, null::integer as keep, s.code as value, i.name as other, to_jsonb(s) as staged`,
        { column: code, field: 'code', reason: (r) => `事项编码已被另一事项（${r.other}）使用` },
      );
      await reject(
        sql`delete from import_stage s
          using (select code, max(line) as keep from import_stage where code is not null group by code having count(*) > 1) dup
          where s.code = dup.code and s.line <> dup.keep
          returning s.line, dup.keep, s.code as value, null::text as other, to_jsonb(s) as staged`,
        { column: code, field: 'code', reason: (r) => `事项编码与第 ${r.keep} 行的另一事项相同` },
      );
    }
  }
  return result;
}

type Add = (found: { issues: MergeIssue[]; total: number }, severity: 'error' | 'warning') => void;
type Reject = (statement: RawBuilder<unknown>, d: Omit<Describe, 'severity'>) => Promise<void>;

async function resolveEntities(db: Kysely<DB>, options: MergeOptions, add: Add, reject: Reject) {
  const { headerOf, limit, context } = options;
  const usccColumn = headerOf('uscc', '统一社会信用代码');
  const regColumn = headerOf('reg_no', '注册号');

  // A row with only a 注册号 is the business that another row gives with both codes.
  await sql`update import_stage s set uscc = t.uscc, identifier = t.uscc
    from (select distinct on (reg_no) reg_no, uscc from import_stage
          where uscc is not null and reg_no is not null order by reg_no, line desc) t
    where s.uscc is null and s.reg_no = t.reg_no`.execute(db);
  add(
    await mergeDuplicates(
      db,
      (a) => `${a}.identifier`,
      's.identifier',
      {
        column: usccColumn,
        field: 'uscc',
        same: '统一社会信用代码或注册号',
      },
      limit,
    ),
    'warning',
  );
  await reject(
    sql`delete from import_stage s
      using (select reg_no, max(line) as keep from import_stage where reg_no is not null
             group by reg_no having count(*) > 1) dup
      where s.reg_no = dup.reg_no and s.line <> dup.keep
      returning s.line, dup.keep, s.reg_no as value, null::text as other, to_jsonb(s) as staged`,
    {
      column: regColumn,
      field: 'reg_no',
      reason: (r) => `注册号与第 ${r.keep} 行相同而统一社会信用代码不同，无法确定是哪个市场主体`,
    },
  );

  await sql`update import_stage s set id = e.id, matched = true
    from entity e where s.uscc is not null and e.uscc = s.uscc`.execute(db);
  await reject(
    sql`delete from import_stage s using entity e
      where s.matched and s.reg_no is not null and e.reg_no = s.reg_no and e.id <> s.id
      returning s.line, null::integer as keep, s.reg_no as value, e.identifier || ' ' || e.name as other, to_jsonb(s) as staged`,
    {
      column: regColumn,
      field: 'reg_no',
      reason: (r) => `注册号已属于另一市场主体（${r.other}），与统一社会信用代码不一致`,
    },
  );
  await reject(
    sql`delete from import_stage s using entity e
      where not s.matched and s.uscc is not null and e.reg_no = s.reg_no and e.uscc is not null
      returning s.line, null::integer as keep, s.reg_no as value, e.uscc as other, to_jsonb(s) as staged`,
    {
      column: regColumn,
      field: 'reg_no',
      reason: (r) => `该注册号的市场主体已登记统一社会信用代码 ${r.other}，与本行不一致`,
    },
  );
  await sql`update import_stage s set id = e.id, matched = true, by_reg = true
    from entity e where not s.matched and s.reg_no is not null and e.reg_no = s.reg_no`.execute(db);
  // One row gave the USCC, another only the 注册号 of the same stored business.
  add(
    await mergeDuplicates(
      db,
      (a) => `${a}.id`,
      's.identifier',
      { column: usccColumn, field: 'uscc', same: '对应的市场主体' },
      limit,
      'd.id in (select id from import_stage where by_reg)',
    ),
    'warning',
  );
  if (context.regionPrefix !== undefined) {
    await reject(
      sql`delete from import_stage s using entity e
        where s.matched and e.id = s.id and e.region_code not like ${`${context.regionPrefix}%`}
        returning s.line, null::integer as keep, s.identifier as value, e.region_code as other, to_jsonb(s) as staged`,
      {
        column: usccColumn,
        field: 'uscc',
        reason: (r) => `该市场主体登记在其他辖区（${r.other}），无权修改`,
      },
    );
  }
}

/** The stage row `s` and the stored item `i` are the same item of the list. */
function itemMatch(joint: boolean): RawBuilder<unknown> {
  return joint
    ? sql`i.is_joint and i.year = s.year and i.initiating_department = s.initiating_department and i.name = s.name`
    : sql`not i.is_joint and i.year = s.year and i.owner_department = s.owner_department
        and i.category = s.category and i.name = s.name and i.target = s.target`;
}

/** From this many staged rows on, an import into an empty register loads with deferred indexes. */
export const BULK_ROWS = 100_000;

/** Whether to bulk-load: a large stage and an empty register, locked so that it stays empty. */
async function bulkLoad(db: Kysely<DB>, bulkRows: number): Promise<boolean> {
  const { rows } = await sql<{
    staged: number;
  }>`select count(*)::integer as staged from import_stage`.execute(db);
  if (rows[0].staged < bulkRows) return false;
  await sql`lock table entity in access exclusive mode`.execute(db);
  const stored = await sql<{ any: boolean }>`select exists (select 1 from entity) as any`.execute(db);
  return !stored.rows[0].any;
}

/** A column's value after the merge: `expression` over the stage row s and the stored row e. */
type Columns = [column: string, expression: string][];

/**
 * What an import writes into each column. A column the file does not have keeps the stored value;
 * an empty cell never erases one (`coalesce(s.x, e.x)`).
 */
function mergedColumns(kind: ImportKind, given: ReadonlySet<string>): Columns {
  const optional = (field: string, column = field): [string, string] => [
    column,
    given.has(field) ? `coalesce(s.${column}, e.${column})` : `e.${column}`,
  ];
  const decided = (field: string, fallback: string): [string, string] => [
    field,
    given.has(field) ? `s.${field}` : `coalesce(e.${field}, ${fallback})`,
  ];
  switch (kind) {
    case 'entities':
      return [
        ['uscc', 'coalesce(s.uscc, e.uscc)'],
        ['reg_no', 'coalesce(s.reg_no, e.reg_no)'],
        ['identifier', 'coalesce(s.uscc, e.uscc, s.reg_no, e.reg_no)'],
        ['name', 's.name'],
        // Kind, region and status have values even without a column (from the code, or 存续):
        // they fill new rows but never overwrite stored ones.
        decided('kind', 's.kind'),
        decided('region_code', 's.region_code'),
        decided('status', 's.status'),
        optional('legal_rep'),
        optional('reg_address'),
        optional('biz_address'),
        optional('industry_code'),
        optional('registered_on'),
        optional('capital_wan'),
        optional('phone'),
        ['tags', given.has('tags') ? `coalesce(s.tags, e.tags, '{}')` : `coalesce(e.tags, '{}')`],
      ];
    case 'inspectors':
      return [
        ['name', 's.name'],
        [
          'org_id',
          given.has('department') ? 'coalesce(s.org_id, e.org_id, :org)' : 'coalesce(e.org_id, :org)',
        ],
        [
          'office_id',
          // Moving to another department drops an office of the old one.
          given.has('office') || given.has('department')
            ? 'case when s.org_id is distinct from e.org_id and s.org_id is not null then s.office_id else coalesce(s.office_id, e.office_id) end'
            : 'e.office_id',
        ],
        ['region_code', 'coalesce(s.region_code, e.region_code, :region)'],
        optional('cert_expires_on'),
        [
          'qualifications',
          given.has('qualifications')
            ? `coalesce(s.qualifications, e.qualifications, '{}')`
            : `coalesce(e.qualifications, '{}')`,
        ],
        decided('is_expert', 'false'),
        decided('is_leader', 'false'),
        decided('status', 's.status'),
        optional('id_card'),
        optional('phone'),
      ];
    default: {
      const columns: Columns = [
        ['owner_department', 's.owner_department'],
        ['owner_org_id', 'coalesce(s.owner_org_id, e.owner_org_id)'],
        ['department', 'coalesce(s.department, e.department)'],
        ['category', 's.category'],
        ['name', 's.name'],
        ['target', 's.target'],
        ['seq', given.has('seq') ? 'coalesce(s.seq, e.seq)' : 'e.seq'],
        ['is_joint', 's.is_joint'],
      ];
      if (kind === 'joint_items') {
        return [
          ...columns,
          ['field', 's.field'],
          ['initiating_department', 's.initiating_department'],
          ['cooperating_departments', 's.cooperating_departments'],
        ];
      }
      return [
        ...columns,
        ['item_type', 's.item_type'],
        ['methods', 's.methods'],
        ['subject', 's.subject'],
        ['legal_basis', 's.legal_basis'],
        optional('ratio_bp'),
        optional('frequency'),
        optional('level'),
      ];
    }
  }
}

/**
 * Upserts the staging rows into the register: new rows are inserted, stored rows updated only when
 * a value differs. `given` holds the fields the file has a column for.
 */
export async function upsertStage(
  db: Kysely<DB>,
  kind: ImportKind,
  context: StageContext,
  given: ReadonlySet<string>,
  load: { backend: Backend; bulkRows?: number; dryRun?: boolean },
): Promise<UpsertCounts> {
  const columns = mergedColumns(kind, given);
  let insertColumns: string[];
  let values: string[];
  let from: string;
  let conflict: string;
  switch (kind) {
    case 'entities':
      insertColumns = ['id', ...columns.map(([c]) => c), 'org_id'];
      values = ['s.id', ...columns.map(([, e]) => e), 'coalesce(e.org_id, :org)'];
      from = `${STAGE} s left join entity e on e.id = s.id`;
      conflict = '(id)';
      break;
    case 'inspectors':
      insertColumns = ['cert_no', ...columns.map(([c]) => c)];
      values = ['s.cert_no', ...columns.map(([, e]) => e)];
      from = `${STAGE} s left join inspector e on e.cert_no = s.cert_no`;
      conflict = '(cert_no)';
      break;
    default: {
      const joint = kind === 'joint_items';
      insertColumns = ['year', 'code', ...columns.map(([c]) => c), 'org_id'];
      values = [
        's.year',
        // The file's code, else the item's code this year or in its latest earlier year (one code
        // follows an item from year to year), else the next new code.
        `coalesce(s.code, e.code, prev.code, ${NEW_ITEM_CODE})`,
        ...columns.map(([, e]) => e),
        'coalesce(e.org_id, :org)',
      ];
      const same = (alias: string) =>
        joint
          ? `${alias}.is_joint and ${alias}.initiating_department = s.initiating_department and ${alias}.name = s.name`
          : `not ${alias}.is_joint and ${alias}.owner_department = s.owner_department and ${alias}.category = s.category and ${alias}.name = s.name and ${alias}.target = s.target`;
      from = `${STAGE} s left join inspection_item e on e.year = s.year and ${same('e')}
        left join lateral (select p.code from inspection_item p where p.year < s.year and ${same('p')}
                           order by p.year desc limit 1) prev on true`;
      conflict = joint
        ? '(year, initiating_department, name) where is_joint'
        : '(year, owner_department, category, name, target) where not is_joint';
    }
  }
  const table = kind === 'entities' ? 'entity' : kind === 'inspectors' ? 'inspector' : 'inspection_item';
  const updated = insertColumns.filter((c) => c !== 'id' && c !== 'cert_no' && c !== 'year');
  const text = `with upserted as (
      insert into ${table} as t (${insertColumns.join(', ')})
      select ${values.join(', ')} from ${from}
      on conflict ${conflict} do update set
        (${updated.join(', ')}, updated_at) = (${updated.map((c) => `excluded.${c}`).join(', ')}, now())
        where (${updated.map((c) => `t.${c}`).join(', ')}) is distinct from (${updated.map((c) => `excluded.${c}`).join(', ')})
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::integer as inserted,
           count(*) filter (where not inserted)::integer as updated,
           (select count(*) from ${STAGE})::integer as staged
    from upserted`;
  // :org and :region are the importing organisation's; they are bound, not spliced.
  const bind = (statement: string) =>
    sql.join(
      statement
        .split(/(:org|:region)/)
        .map((part) =>
          part === ':org'
            ? sql`${context.org.id}::uuid`
            : part === ':region'
              ? sql`${context.org.region_code}`
              : sql.raw(part),
        ),
      sql``,
    );
  if (kind === 'entities' && (await bulkLoad(db, load.bulkRows ?? BULK_ROWS))) {
    // An empty register filled from a large file: no row can conflict, and building the indexes
    // once at the end is far cheaper than maintaining them row by row.
    const deferred = await dropIndexes(db, load.backend, 'entity', { constraints: true });
    const inserted = await sql`${bind(
      `insert into entity (${insertColumns.join(', ')}) select ${values.join(', ')} from ${from}`,
    )}`.execute(db);
    // A dry run rolls back, and the rollback brings the indexes back: building them would be wasted.
    if (!load.dryRun) await deferred.rebuild(db);
    return { inserted: Number(inserted.numAffectedRows ?? 0), updated: 0, unchanged: 0, bulk: true };
  }
  // Rows equal to what is stored leave the stage first, in one join: a re-import of a large file
  // then costs no index probe per row for the conflict check.
  let same = 0;
  if (kind === 'entities' || kind === 'inspectors') {
    const key = kind === 'entities' ? 'e.id = s.id' : 'e.cert_no = s.cert_no';
    const merged = updated.map((c) => values[insertColumns.indexOf(c)]);
    const gone = await sql<{ same: number }>`${bind(`with gone as (
        delete from ${STAGE} s using ${table} e
        where ${key} and (${updated.map((c) => `e.${c}`).join(', ')}) is not distinct from (${merged.join(', ')})
        returning 1)
      select count(*)::integer as same from gone`)}`.execute(db);
    same = gone.rows[0].same;
  }
  const { rows } = await sql<{ inserted: number; updated: number; staged: number }>`${bind(text)}`.execute(
    db,
  );
  const { inserted, updated: changed, staged } = rows[0];
  return { inserted, updated: changed, unchanged: same + staged - inserted - changed, bulk: false };
}
