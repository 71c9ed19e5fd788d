// Shapes of the registers' responses (src/modules/entities, inspectors, items, imports).
import type { ChecklistContent } from '../../../src/core/checklist/content.ts';
import type { ColumnMapping } from '../../../src/core/import/index.ts';
import type {
  ChecklistStatus,
  CreditClass,
  EntityKind,
  EntityStatus,
  ImportKind,
  ImportStatus,
  InspectorStatus,
  ItemLevel,
  ItemType,
} from '../../../src/db/schema.ts';
import type { Page } from './types.ts';

export type {
  ChecklistContent,
  ChecklistStatus,
  ImportKind,
  ImportStatus,
  InspectorStatus,
  ItemLevel,
  ItemType,
};

export const ENTITY_KINDS: readonly EntityKind[] = ['enterprise', 'individual', 'cooperative', 'other'];
export const ENTITY_STATUSES: readonly EntityStatus[] = [
  'active',
  'deregistered',
  'revoked',
  'cancelled',
  'moved_out',
];
export const INSPECTOR_STATUSES: readonly InspectorStatus[] = ['on_duty', 'suspended', 'on_leave'];
export const CERT_STATES = ['expired', 'expiring', 'valid', 'none'] as const;
export type CertState = (typeof CERT_STATES)[number];
export const ITEM_TYPES: readonly ItemType[] = ['general', 'key'];
export const ITEM_LEVELS: readonly ItemLevel[] = ['province', 'city', 'district', 'street'];
export const IMPORT_KINDS: readonly ImportKind[] = ['entities', 'inspectors', 'items', 'joint_items'];
export const CONFLICT_KINDS = ['kin', 'former_employer', 'shares', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** The list answers an exact total up to a cap; past it `totalExact` is false. */
export interface CappedPage<T> extends Page<T> {
  totalExact: boolean;
}

export interface EntityListRow {
  id: string;
  identifier: string;
  uscc: string | null;
  reg_no: string | null;
  name: string;
  kind: EntityKind;
  legal_rep: string | null;
  region_code: string;
  region_name: string | null;
  industry_code: string | null;
  industry_name: string | null;
  registered_on: string | null;
  status: EntityStatus;
  credit_class: CreditClass | null;
  tags: string[];
  in_directory: boolean;
}

export interface EntityTag {
  name: string;
  required_qualification: string | null;
  requires_expert: boolean;
  description: string;
}

export interface EntityDetail extends EntityListRow {
  reg_address: string | null;
  biz_address: string | null;
  capital_wan: string | null;
  phone: string | null;
  abnormal_listed: boolean;
  serious_listed: boolean;
  complaint_count: number;
  org_id: string;
  created_at: string;
  updated_at: string;
  tag_details: EntityTag[];
}

export interface Change {
  seq: number;
  at: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface EntityHistory {
  inspections: {
    taskCode: string;
    status: 'unassigned' | 'assigned' | 'cancelled';
    statusReason: string | null;
    createdAt: string;
    department: string;
    planCode: string | null;
    planName: string | null;
    drawCode: string | null;
    inspectionStatuses: string[];
  }[];
  results: {
    id: string;
    taskCode: string;
    department: string;
    endedOn: string | null;
    items: string[];
    codes: { code: string; name: string }[];
    disposition: string | null;
    publishedAt: string | null;
  }[];
  lists: {
    list: 'abnormal' | 'serious';
    cause: string | null;
    listedOn: string | null;
    removedOn: string | null;
    removalReason: string | null;
    department: string | null;
  }[];
  creditClasses: { class: CreditClass; score: number; asOf: string; kind: string; modelVersion: number }[];
  changes: Change[];
}

export interface RegionChoice {
  code: string;
  name: string;
  children?: RegionChoice[];
}

export interface EntityFacets {
  regions: RegionChoice[];
  sections: { code: string; name: string }[];
  tags: EntityTag[];
}

export interface InspectorRow {
  id: string;
  name: string;
  cert_no: string;
  cert_expires_on: string | null;
  cert_state: CertState;
  days_to_expiry: number | null;
  org_id: string;
  org_name: string;
  department: string | null;
  office_id: string | null;
  office_name: string | null;
  region_code: string;
  qualifications: string[];
  is_expert: boolean;
  is_leader: boolean;
  status: InspectorStatus;
  phone: string | null;
  /** Present only for the administrators of the inspector's own department. */
  id_card?: string | null;
}

export interface Conflict {
  id: string;
  entity_id: string | null;
  entity_identifier: string | null;
  entity_name: string | null;
  party: string | null;
  kind: ConflictKind;
  reason: string | null;
  declared_on: string;
  withdrawn_on: string | null;
}

export interface InspectorDetail extends InspectorRow {
  conflicts: Conflict[];
  changes: Change[];
}

export interface ItemRow {
  id: string;
  code: string;
  year: number;
  owner_department: string;
  owner_org_id: string | null;
  department: string | null;
  category: string;
  name: string;
  target: string;
  item_type: ItemType;
  methods: string[];
  subject: string;
  legal_basis: string;
  ratio_bp: number | null;
  frequency: string | null;
  level: ItemLevel | null;
  is_joint: boolean;
  field: string | null;
  initiating_department: string | null;
  cooperating_departments: string[];
  required_qualification: string | null;
  seq: number | null;
  active: boolean;
  org_name: string;
  checklist_version: number | null;
  has_draft: boolean;
  writable: boolean;
}

export interface ChecklistVersion {
  id: string;
  version: number;
  status: ChecklistStatus;
  note: string;
  created_at: string;
  published_at: string | null;
  created_by_name: string | null;
  mains: number;
  subs: number;
  contents: number;
}

export interface ItemDetail extends ItemRow {
  checklists: ChecklistVersion[];
  changes: Change[];
}

export interface ChecklistRecord {
  id: string;
  version: number;
  status: ChecklistStatus;
  content: ChecklistContent;
  note: string;
}

export interface ItemFacets {
  years: number[];
  departments: { name: string; count: number }[];
  categories: string[];
  methods: string[];
  checkMethods: string[];
}

export interface Detection {
  sheet: string;
  headerLines: number[];
  dataStart: number;
  columns: ColumnMapping[];
  unmatched: string[];
  missing: { fields: string[]; label: string }[];
  samples: string[][];
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  kind_label: string;
  file_name: string;
  file_size: number;
  status: ImportStatus;
  dry_run: boolean;
  year: number | null;
  mapping: { overrides: Record<string, string>; detection?: Detection };
  total_rows: number | null;
  processed_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  error: string | null;
  org_name: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportField {
  field: string;
  label: string;
  synonyms: string[];
  required: boolean;
  oneOf: string[] | null;
}

export interface ImportIssue {
  line: number;
  severity: 'error' | 'warning';
  column_name: string | null;
  field: string | null;
  value: string | null;
  reason: string;
}
