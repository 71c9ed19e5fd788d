// Table types for Kysely, written to match the migrations. Dates are 'YYYY-MM-DD' strings,
// timestamps are Date, numeric is an exact decimal string, bigint is a number (see connection.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type Role = 'admin' | 'coordinator' | 'dept_admin' | 'inspector' | 'reviewer' | 'business';
export type OrgLevel = 'city' | 'district' | 'street';
export type OrgKind = 'government' | 'department' | 'office';
export type EntityKind = 'enterprise' | 'individual' | 'cooperative' | 'other';
export type EntityStatus = 'active' | 'deregistered' | 'revoked' | 'cancelled' | 'moved_out';
export type CreditClass = 'A' | 'B' | 'C' | 'D';
export type InspectorStatus = 'on_duty' | 'suspended' | 'on_leave';

export interface OrgTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string;
  parent_id: string | null;
  level: OrgLevel;
  kind: OrgKind;
  department: string | null;
  region_code: string;
  path: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: Role;
  org_id: string;
  entity_id: string | null;
  inspector_id: string | null;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  last_login_at: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  org_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: Generated<boolean>;
  seq: number;
  hash: string;
}

export interface EntityTable {
  id: Generated<string>;
  uscc: string | null;
  reg_no: string | null;
  identifier: string;
  name: string;
  kind: EntityKind;
  legal_rep: string | null;
  reg_address: string | null;
  biz_address: string | null;
  region_code: string;
  industry_code: string | null;
  registered_on: string | null;
  status: Generated<EntityStatus>;
  capital_wan: string | null;
  phone: string | null;
  tags: Generated<string[]>;
  credit_class: CreditClass | null;
  abnormal_listed: Generated<boolean>;
  serious_listed: Generated<boolean>;
  complaint_count: Generated<number>;
  org_id: string;
  in_directory: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InspectorTable {
  id: Generated<string>;
  org_id: string;
  office_id: string | null;
  region_code: string;
  name: string;
  cert_no: string;
  cert_expires_on: string | null;
  qualifications: Generated<string[]>;
  is_expert: Generated<boolean>;
  is_leader: Generated<boolean>;
  status: Generated<InspectorStatus>;
  id_card: string | null;
  phone: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InspectorConflictTable {
  id: Generated<string>;
  inspector_id: string;
  entity_id: string | null;
  party: string | null;
  kind: 'kin' | 'former_employer' | 'shares' | 'other';
  reason: string | null;
  declared_on: Generated<string>;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Generated<Date>;
}

export type CreditModelStatus = 'draft' | 'active' | 'retired';
export type CreditEventKind =
  | 'penalty'
  | 'complaint'
  | 'abnormal_list_in'
  | 'abnormal_list_out'
  | 'serious_list_in'
  | 'serious_list_out'
  | 'inspection_result'
  | 'registration_change';
export type CreditRunKind = 'full' | 'dry_run' | 'incremental';
export type CreditRunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface CreditModelTable {
  id: Generated<string>;
  version: number;
  status: Generated<CreditModelStatus>;
  note: Generated<string>;
  thresholds: Json;
  direct: Json;
  based_on: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  activated_by: string | null;
  activated_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export interface CreditIndicatorTable {
  model_id: string;
  position: number;
  code: string;
  group_code: string;
  name: string;
  metric: string;
  weight: number;
  rule: Json;
}

export interface CreditLookupTable {
  model_id: string;
  indicator: string;
  key: string;
  points: number;
}

export interface CreditEventTable {
  id: Generated<string>;
  entity_id: string;
  kind: CreditEventKind;
  occurred_on: string;
  severity: number | null;
  amount_yuan: string | null;
  subject: string | null;
  ref: string | null;
  source: string;
  details: ColumnType<unknown, string | undefined, string>;
  org_id: string;
  region_code: string;
  import_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CreditRunTable {
  id: Generated<string>;
  seq: Generated<number>;
  kind: CreditRunKind;
  model_id: string;
  model_version: number;
  status: Generated<CreditRunStatus>;
  trigger: string;
  as_of: string;
  progress: Generated<number>;
  stage: string | null;
  entity_id: string | null;
  total: number | null;
  counts: Json | null;
  before_counts: Json | null;
  movement: Json | null;
  changed: number | null;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface CreditScoreTable {
  run_seq: number;
  score: number;
  class: CreditClass;
  prev_class: CreditClass | null;
  rule: string | null;
  entity_id: string;
  /** Points (0–100) of each indicator of the run's model version, in order. */
  points: number[];
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface DB {
  org: OrgTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  entity: EntityTable;
  inspector: InspectorTable;
  inspector_conflict: InspectorConflictTable;
  setting: SettingTable;
  schema_migration: SchemaMigrationTable;
  credit_model: CreditModelTable;
  credit_indicator: CreditIndicatorTable;
  credit_lookup: CreditLookupTable;
  credit_event: CreditEventTable;
  credit_run: CreditRunTable;
  credit_score: CreditScoreTable;
}
