// Validated records → rows of the staging table, in the worker thread that parses the file. What a
// record needs from the database (the organisations it names) is handed to the worker up front, so
// a row that names an unknown department is rejected with its original cells like any invalid row.
import type {
  EntityRecord,
  ImportKind,
  InspectorRecord,
  ItemRecord,
  JointItemRecord,
  RecordOf,
  RowIssue,
} from '../../core/import/index.ts';
import type { CopyValue } from '../../db/copy.ts';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  short_name: string;
  kind: 'government' | 'department' | 'office';
  department: string | null;
  region_code: string;
  path: string;
}

export interface StageContext {
  kind: ImportKind;
  /** The list year that imported items belong to. */
  year: number;
  /** The organisation that imported records belong to. */
  org: OrgRef;
  /** Organisations a file may name: departments and offices of inspectors, owners of items. */
  orgs: OrgRef[];
  /** Entities outside this region prefix are rejected; undefined imposes no limit (the system). */
  regionPrefix?: string;
  /** Inspectors and items stored under other organisations than this subtree are not updated. */
  scopePath?: string;
}

/** The staging table of each register: `line` first, then what the upsert reads. */
export const STAGE_COLUMNS = {
  entities: [
    ['uscc', 'text'],
    ['reg_no', 'text'],
    ['identifier', 'text not null'],
    ['name', 'text not null'],
    ['kind', 'text not null'],
    ['legal_rep', 'text'],
    ['reg_address', 'text'],
    ['biz_address', 'text'],
    ['region_code', 'text not null'],
    ['industry_code', 'text'],
    ['registered_on', 'date'],
    ['status', 'text not null'],
    ['capital_wan', 'numeric(20, 4)'],
    ['phone', 'text'],
    ['tags', 'text[]'],
  ],
  inspectors: [
    ['cert_no', 'text not null'],
    ['name', 'text not null'],
    ['cert_expires_on', 'date'],
    ['org_id', 'uuid'],
    ['office_id', 'uuid'],
    ['region_code', 'text'],
    ['qualifications', 'text[]'],
    ['is_expert', 'boolean'],
    ['is_leader', 'boolean'],
    ['status', 'text not null'],
    ['id_card', 'text'],
    ['phone', 'text'],
  ],
  items: [
    ['year', 'integer not null'],
    ['owner_department', 'text not null'],
    ['owner_org_id', 'uuid'],
    ['department', 'text'],
    ['category', 'text not null'],
    ['name', 'text not null'],
    ['target', 'text not null'],
    ['item_type', 'text not null'],
    ['methods', 'text[] not null'],
    ['subject', 'text not null'],
    ['legal_basis', 'text not null'],
    ['ratio_bp', 'integer'],
    ['frequency', 'text'],
    ['level', 'text'],
    ['seq', 'integer'],
    ['code', 'text'],
    ['is_joint', 'boolean not null'],
    ['field', 'text'],
    ['initiating_department', 'text'],
    ['cooperating_departments', 'text[] not null'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export type StageTable = keyof typeof STAGE_COLUMNS;

export const stageTableOf = (kind: ImportKind): StageTable => (kind === 'joint_items' ? 'items' : kind);

/** Column names of the COPY into the staging table. */
export const stageCopyColumns = (kind: ImportKind): string[] => [
  'line',
  ...STAGE_COLUMNS[stageTableOf(kind)].map(([name]) => name),
];

export type StageResult =
  | { row: CopyValue[]; warnings: RowIssue[] }
  | { error: RowIssue; warnings: RowIssue[] };

/** An organisation by full name, short name or code; offices only under `under` when given. */
export class OrgFinder {
  private readonly byText = new Map<string, OrgRef[]>();

  constructor(orgs: readonly OrgRef[]) {
    for (const org of orgs) {
      for (const text of new Set([org.name, org.short_name, org.code])) {
        this.byText.set(text, [...(this.byText.get(text) ?? []), org]);
      }
    }
  }

  find(text: string, under?: OrgRef): OrgRef | undefined {
    const found = (this.byText.get(text) ?? []).filter((o) => !under || o.path.startsWith(under.path));
    return found.length === 1 ? found[0] : undefined;
  }
}

const issue = (line: number, column: string, field: string, value: string, reason: string): RowIssue => ({
  line,
  column,
  field,
  value,
  reason,
});

/** Builds the staging row of one record, or rejects it for what only the context can tell. */
export function stageRowBuilder(
  kind: ImportKind,
  context: StageContext,
  headerOf: (field: string, label: string) => string,
): (record: RecordOf[ImportKind], line: number) => StageResult {
  const finder = new OrgFinder(context.orgs);
  switch (kind) {
    case 'entities':
      return (record, line) => entityRow(record as EntityRecord, line, context, headerOf);
    case 'inspectors':
      return (record, line) => inspectorRow(record as InspectorRecord, line, context, finder, headerOf);
    case 'items':
      return (record, line) => itemRow(record as ItemRecord, line, context, finder);
    default:
      return (record, line) => jointItemRow(record as JointItemRecord, line, context, finder);
  }
}

function entityRow(
  r: EntityRecord,
  line: number,
  context: StageContext,
  headerOf: (field: string, label: string) => string,
): StageResult {
  const prefix = context.regionPrefix;
  if (prefix !== undefined && !r.region_code.startsWith(prefix)) {
    return {
      error: issue(
        line,
        headerOf('region_code', '行政区划代码'),
        'region_code',
        r.region_code,
        `行政区划代码“${r.region_code}”不在您的管辖范围内，无权导入`,
      ),
      warnings: [],
    };
  }
  const warnings: RowIssue[] = [];
  let capital = r.capital_wan;
  // numeric(20, 4): 16 digits of 万元 before the point, 4 after (a thousand trillion yuan).
  if (capital !== undefined && !/^\d{1,16}(\.\d+)?$/.test(capital)) {
    warnings.push(
      issue(
        line,
        headerOf('capital_wan', '注册资本'),
        'capital_wan',
        capital,
        `注册资本“${capital}万元”超出可登记的范围，已忽略`,
      ),
    );
    capital = undefined;
  }
  return {
    row: [
      line,
      r.uscc,
      r.reg_no,
      r.uscc ?? r.reg_no,
      r.name,
      r.kind,
      r.legal_rep,
      r.reg_address,
      r.biz_address,
      r.region_code,
      r.industry_code,
      r.registered_on,
      r.status,
      capital,
      r.phone,
      r.tags,
    ],
    warnings,
  };
}

function inspectorRow(
  r: InspectorRecord,
  line: number,
  context: StageContext,
  finder: OrgFinder,
  headerOf: (field: string, label: string) => string,
): StageResult {
  const warnings: RowIssue[] = [];
  // A row without a department keeps the inspector's organisation on update and takes the
  // importing organisation on insert (the upsert decides, from the null).
  let department: OrgRef | undefined;
  if (r.department) {
    department = finder.find(r.department);
    if (!department) {
      return {
        error: issue(
          line,
          headerOf('department', '所属部门'),
          'department',
          r.department,
          `所属部门“${r.department}”不是您管理范围内的组织机构（请填写全称、简称或机构代码）`,
        ),
        warnings,
      };
    }
  }
  let office: OrgRef | undefined;
  if (r.office) {
    office = finder.find(r.office, department ?? context.org);
    if (!office) {
      warnings.push(
        issue(
          line,
          headerOf('office', '所属所'),
          'office',
          r.office,
          `所属所“${r.office}”不在${department?.name ?? context.org.name}之下，已忽略`,
        ),
      );
    }
  }
  return {
    row: [
      line,
      r.cert_no,
      r.name,
      r.cert_expires_on,
      department?.id,
      office?.id,
      (office ?? department)?.region_code,
      r.qualifications.length ? r.qualifications : null,
      r.is_expert,
      r.is_leader,
      r.status,
      r.id_card,
      r.phone,
    ],
    warnings,
  };
}

function itemRow(r: ItemRecord, line: number, context: StageContext, finder: OrgFinder): StageResult {
  const owner = finder.find(r.owner_department);
  return {
    row: [
      line,
      context.year,
      r.owner_department,
      owner?.id,
      owner?.department,
      r.category,
      r.name,
      r.target,
      r.item_type,
      r.methods,
      r.subject,
      r.legal_basis,
      r.ratio_bp,
      r.frequency,
      r.level,
      r.seq,
      r.code,
      false,
      null,
      null,
      [],
    ],
    warnings: [],
  };
}

function jointItemRow(
  r: JointItemRecord,
  line: number,
  context: StageContext,
  finder: OrgFinder,
): StageResult {
  const owner = finder.find(r.initiating_department);
  return {
    row: [
      line,
      context.year,
      r.initiating_department,
      owner?.id,
      owner?.department,
      r.field,
      r.name,
      r.target,
      'general',
      [],
      '',
      '',
      null,
      null,
      null,
      r.seq,
      null,
      true,
      r.field,
      r.initiating_department,
      r.cooperating_departments,
    ],
    warnings: [],
  };
}
