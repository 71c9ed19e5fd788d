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
export type ItemType = 'general' | 'key';
export type ItemLevel = 'province' | 'city' | 'district' | 'street';
export type ChecklistStatus = 'draft' | 'published' | 'retired';
export type ImportKind = 'items' | 'joint_items' | 'entities' | 'inspectors';
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

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
  withdrawn_on: string | null;
  declared_by: string | null;
}

export interface InspectionItemTable {
  id: Generated<string>;
  code: string;
  year: number;
  owner_department: string;
  owner_org_id: string | null;
  department: string | null;
  category: string;
  name: string;
  target: Generated<string>;
  item_type: Generated<ItemType>;
  methods: Generated<string[]>;
  subject: Generated<string>;
  legal_basis: Generated<string>;
  ratio_bp: number | null;
  frequency: string | null;
  level: ItemLevel | null;
  is_joint: Generated<boolean>;
  field: string | null;
  initiating_department: string | null;
  cooperating_departments: Generated<string[]>;
  required_qualification: string | null;
  seq: number | null;
  active: Generated<boolean>;
  org_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ChecklistTable {
  id: Generated<string>;
  item_id: string;
  version: number;
  status: Generated<ChecklistStatus>;
  content: Json;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: Date | null;
}

export interface EntityTagTable {
  name: string;
  required_qualification: string | null;
  requires_expert: Generated<boolean>;
  description: Generated<string>;
  active: Generated<boolean>;
}

export interface ImportJobTable {
  id: Generated<string>;
  kind: ImportKind;
  file_name: string;
  file_path: string | null;
  file_size: Generated<number>;
  status: Generated<ImportStatus>;
  dry_run: Generated<boolean>;
  mapping: ColumnType<unknown, string | undefined, string>;
  options: ColumnType<unknown, string | undefined, string>;
  total_rows: number | null;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  warnings: Generated<number>;
  error: string | null;
  org_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ImportIssueTable {
  job_id: string;
  line: number;
  severity: 'error' | 'warning';
  column_name: string | null;
  field: string | null;
  value: string | null;
  reason: string;
}

export interface ImportRejectedRowTable {
  job_id: string;
  line: number;
  cells: Json;
  reasons: string;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Generated<Date>;
}

// Plans, draws and tasks (migration 0003_draws).
export type PlanKind = 'single' | 'joint';
export type PlanStatus = 'draft' | 'filed' | 'published';
export type DrawStatus = 'committed' | 'revealed' | 'completed' | 'abandoned';
export type TaskStatus = 'unassigned' | 'assigned' | 'cancelled';
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface PlanTable {
  id: Generated<string>;
  code: Generated<string>;
  year: number;
  org_id: string;
  region_code: string;
  name: string;
  kind: PlanKind;
  cooperating_org_ids: Generated<string[]>;
  status: Generated<PlanStatus>;
  directed: Generated<boolean>;
  scope: Json;
  ratios: Json;
  alternates_bp: Generated<number>;
  by_district: Generated<boolean>;
  team_size: Generated<number>;
  cross_office: Generated<boolean>;
  exclude_recent_months: Generated<number>;
  workload_cap: number | null;
  starts_on: string;
  ends_on: string;
  filed_at: Timestamp | null;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanItemTable {
  plan_id: string;
  item_id: string;
  org_id: string;
  position: number;
}

export interface PlanBatchTable {
  id: Generated<string>;
  plan_id: string;
  seq: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface PlanAmendmentTable {
  id: Generated<string>;
  plan_id: string;
  seq: number;
  reason: string;
  before: Json;
  after: Json;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DrawTable {
  id: Generated<string>;
  code: string;
  plan_id: string;
  batch_id: string;
  org_id: string;
  region_code: string;
  status: DrawStatus;
  parameters: Json;
  commitment: Json;
  commitment_digest: string;
  frame_digest: string;
  roster_digest: string;
  roster_gz: Bytes;
  committed_at: Timestamp;
  committed_by: string | null;
  audit_seq: number | null;
  reveal: Json | null;
  seed_hex: string | null;
  revealed_at: Timestamp | null;
  completed_at: Timestamp | null;
  counts: Json | null;
  abandoned_reason: string | null;
  abandoned_at: Timestamp | null;
  replaces_id: string | null;
  replaced_by: string | null;
  credit_snapshot_id: string | null;
}

export interface DrawFrameTable {
  draw_id: string;
  h: number;
  label: string;
  size: number;
  text_gz: Bytes;
}

export interface DrawPickTable {
  draw_id: string;
  h: number;
  rank: number;
  identifier: string;
  entity_id: string;
  selected: boolean;
}

export interface TaskTable {
  id: Generated<string>;
  code: Generated<string>;
  draw_id: string | null;
  plan_id: string | null;
  entity_id: string;
  org_id: string;
  region_code: string;
  item_ids: Generated<string[]>;
  status: TaskStatus;
  status_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TaskMemberTable {
  task_id: string;
  inspector_id: string;
  org_id: string;
  position: number;
  added_by: string | null;
  removed_by: string | null;
}

export interface DrawAssignmentTable {
  draw_id: string;
  seq: number;
  d: number;
  identifier: string;
  task_id: string;
  eligible: Bytes;
  team: string[];
}

export interface DrawAdjustmentTable {
  id: Generated<string>;
  draw_id: string;
  seq: number;
  kind: 'replace_entity' | 'replace_inspector';
  task_id: string;
  new_task_id: string | null;
  reason: string;
  purpose: string | null;
  detail: Json;
  created_by: string | null;
  created_at: Generated<Date>;
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

// Inspections, results, evidence, follow-ups and list entries (migration 0005_inspections).
export type InspectionStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
export type InspectionMethod = 'onsite' | 'written' | 'online' | 'testing' | 'expert';
export type NoticeChannel = 'phone' | 'sms' | 'written' | 'onsite' | 'other';
export type DispositionCode =
  | 'none'
  | 'stop_feedback'
  | 'order_correct'
  | 'case_referral'
  | 'notify_other'
  | 'other';
export type FindingResult = 'compliant' | 'not' | 'na';
export type ChangeKind = 'field' | 'finding' | 'evidence' | 'submit' | 'return' | 'approve' | 'publish';
export type ChangeOutcome = 'applied' | 'conflict' | 'rejected';
export type FollowUpType = 'recheck' | 'case_referral' | 'notify' | 'abnormal_list_proposal' | 'alternate';
export type FollowUpStatus = 'waiting' | 'open' | 'acknowledged' | 'rechecking' | 'closed' | 'withdrawn';
/** A place as the browser reported it (WGS-84 degrees, accuracy in metres). */
export interface Location {
  lat: number;
  lng: number;
  accuracy?: number;
}
type JsonOf<T> = ColumnType<T, string, string>;

export interface InspectionTable {
  id: Generated<string>;
  task_id: string;
  org_id: string;
  region_code: string;
  entity_id: string;
  item_ids: Generated<string[]>;
  checklist_ids: Generated<string[]>;
  status: Generated<InspectionStatus>;
  version: Generated<number>;
  method: InspectionMethod | null;
  planned_on: string | null;
  notified_at: Timestamp | null;
  notice_channel: NoticeChannel | null;
  notice_note: Generated<string>;
  started_at: Timestamp | null;
  start_location: JsonOf<Location> | null;
  ended_at: Timestamp | null;
  end_location: JsonOf<Location> | null;
  ended_on: string | null;
  codes_version: number | null;
  disposition: DispositionCode | null;
  disposition_note: Generated<string>;
  correction_due_on: string | null;
  follow_up_org_id: string | null;
  summary: Generated<string>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  return_reason: string | null;
  approved_at: Timestamp | null;
  publishable_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InspectionFindingTable {
  inspection_id: string;
  checklist_id: string;
  content_no: string;
  result: FindingResult;
  note: Generated<string>;
  updated_by: string | null;
  updated_by_name: string;
  updated_at: Timestamp;
  version: number;
}

export interface InspectionResultCodeTable {
  inspection_id: string;
  code: string;
  dictionary_version: number;
}

export interface InspectionChangeTable {
  id: string;
  inspection_id: string;
  version: number;
  base_version: number | null;
  kind: ChangeKind;
  target: string | null;
  value: Json | null;
  outcome: Generated<ChangeOutcome>;
  user_id: string | null;
  user_name: string;
  at: Generated<Date>;
  made_at: Timestamp | null;
}

export interface EvidenceTable {
  id: string;
  inspection_id: string;
  org_id: string;
  kind: 'photo' | 'document';
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  path: string;
  thumbnail_path: string | null;
  note: Generated<string>;
  checklist_id: string | null;
  content_no: string | null;
  captured_at: Timestamp | null;
  location: JsonOf<Location> | null;
  uploaded_by: string | null;
  uploaded_by_name: string;
  uploaded_at: Generated<Date>;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface FollowUpTable {
  id: Generated<string>;
  code: Generated<string>;
  kind: FollowUpType;
  inspection_id: string;
  entity_id: string;
  from_org_id: string;
  to_org_id: string;
  region_code: string;
  cause: string | null;
  note: Generated<string>;
  status: FollowUpStatus;
  outcome: string | null;
  starts_on: string | null;
  order_due_on: string | null;
  due_on: string | null;
  report_due_on: string | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  report: string | null;
  reported_at: Timestamp | null;
  reported_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
  escalated_at: Timestamp | null;
  recheck_task_id: string | null;
  detail: Json | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Timestamp | null;
}

export interface EntityListEntryTable {
  id: Generated<string>;
  entity_id: string;
  list: Generated<'abnormal'>;
  cause: string;
  cause_text: string;
  follow_up_id: string | null;
  inspection_id: string | null;
  org_id: string;
  region_code: string;
  listed_on: string;
  decided_by: string | null;
  decided_by_name: string;
  removed_on: string | null;
  removal_reason: string | null;
  removed_by: string | null;
  removed_by_name: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DeadlineReminderTable {
  kind: 'publication_due' | 'publication_overdue';
  subject_id: string;
  org_id: string;
  due_on: string;
  raised_on: string;
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
  inspection_item: InspectionItemTable;
  checklist: ChecklistTable;
  entity_tag: EntityTagTable;
  import_job: ImportJobTable;
  import_issue: ImportIssueTable;
  import_rejected_row: ImportRejectedRowTable;
  setting: SettingTable;
  plan: PlanTable;
  plan_item: PlanItemTable;
  plan_batch: PlanBatchTable;
  plan_amendment: PlanAmendmentTable;
  draw: DrawTable;
  draw_frame: DrawFrameTable;
  draw_pick: DrawPickTable;
  draw_assignment: DrawAssignmentTable;
  draw_adjustment: DrawAdjustmentTable;
  task: TaskTable;
  task_member: TaskMemberTable;
  inspection: InspectionTable;
  inspection_finding: InspectionFindingTable;
  inspection_result_code: InspectionResultCodeTable;
  inspection_change: InspectionChangeTable;
  evidence: EvidenceTable;
  follow_up: FollowUpTable;
  entity_list_entry: EntityListEntryTable;
  deadline_reminder: DeadlineReminderTable;
  schema_migration: SchemaMigrationTable;
  credit_model: CreditModelTable;
  credit_indicator: CreditIndicatorTable;
  credit_lookup: CreditLookupTable;
  credit_event: CreditEventTable;
  credit_run: CreditRunTable;
  credit_score: CreditScoreTable;
}
