// Shapes of the server's responses, as its routes return them (see src/modules/*/routes.ts).
// The vocabulary (roles, classes, statuses) is the server's own, imported as types only.
import type { ChainProblem } from '../../../src/core/audit/chain.ts';
import type {
  CreditClass,
  EntityKind,
  EntityStatus,
  OrgKind,
  OrgLevel,
  Role,
} from '../../../src/db/schema.ts';

export type { CreditClass, EntityKind, EntityStatus, OrgKind, OrgLevel, Role };

export const ROLES: readonly Role[] = [
  'admin',
  'coordinator',
  'dept_admin',
  'inspector',
  'reviewer',
  'business',
];
export const STAFF: readonly Role[] = ['admin', 'coordinator', 'dept_admin', 'inspector', 'reviewer'];
export const CREDIT_CLASSES: readonly CreditClass[] = ['A', 'B', 'C', 'D'];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  regionCode: string;
  department: string | null;
  entityId: string | null;
  inspectorId: string | null;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  org_id: string;
  org_name: string;
  active: boolean;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
}

export interface Org {
  id: string;
  code: string;
  name: string;
  short_name: string;
  parent_id: string | null;
  level: OrgLevel;
  kind: OrgKind;
  department: string | null;
  region_code: string;
  active: boolean;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  org_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export interface ChainReport {
  events: number;
  problems: ChainProblem[];
}

export interface EntityRow {
  id: string;
  identifier: string;
  uscc: string | null;
  reg_no: string | null;
  name: string;
  kind: EntityKind;
  region_code: string;
  industry_code: string | null;
  status: EntityStatus;
  credit_class: CreditClass | null;
}

export interface DashboardSummary {
  entities: number;
  departments: number;
  inspectors: number;
  entitiesByClass: { class: CreditClass | null; count: number }[];
  entitiesByKind: { kind: EntityKind; count: number }[];
  entitiesByDistrict: { regionCode: string; name: string; count: number }[];
  inspectorsByDepartment: { department: string | null; count: number }[];
}
