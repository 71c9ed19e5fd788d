// Shapes of the plans and draws endpoints (src/modules/plans, src/modules/draws), shared by the staff
// app and the public portal; the draw's own documents are the core's types.
import type { Commitment, Reveal } from '../../../src/core/draw/index.ts';
import type { DrawStatus, PlanKind, PlanStatus, TaskStatus } from '../../../src/db/schema.ts';
import type { PublicAdjustment } from '../../../src/modules/draws/replay.ts';
import type { DrawParameters } from '../../../src/modules/draws/service.ts';
import type { Ratios, Scope } from '../../../src/modules/plans/rules.ts';
import type { PlanInput } from '../../../src/modules/plans/service.ts';

export type {
  Commitment,
  DrawParameters,
  DrawStatus,
  PlanInput,
  PlanKind,
  PlanStatus,
  Ratios,
  Reveal,
  Scope,
  TaskStatus,
};

export interface PlanRow {
  id: string;
  code: string;
  year: number;
  name: string;
  kind: PlanKind;
  status: PlanStatus;
  org_id: string;
  org_name: string;
  starts_on: string;
  ends_on: string;
  directed: boolean;
  draws: number;
}

export interface PlanItem {
  id: string;
  code: string;
  name: string;
  itemType: 'general' | 'key';
  ratioBp: number | null;
  requiredQualification: string | null;
  orgId: string;
  orgName: string;
}

export interface PlanBatch {
  id: string;
  seq: number;
  name: string;
  startsOn: string;
  endsOn: string;
  draw: { id: string; code: string; status: DrawStatus } | null;
}

export interface PlanView {
  id: string;
  code: string;
  year: number;
  orgId: string;
  orgName: string;
  name: string;
  kind: PlanKind;
  cooperatingOrgIds: string[];
  departments: { id: string; name: string }[];
  status: PlanStatus;
  directed: boolean;
  scope: Scope;
  ratios: Ratios;
  alternatesBp: number;
  byDistrict: boolean;
  teamSize: number;
  crossOffice: boolean;
  excludeRecentMonths: number;
  workloadCap: number | null;
  startsOn: string;
  endsOn: string;
  filedAt: string | null;
  publishedAt: string | null;
  items: PlanItem[];
  batches: PlanBatch[];
}

export interface Amendment {
  id: string;
  seq: number;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  created_at: string;
  created_by: string | null;
}

export interface ItemChoice {
  id: string;
  code: string;
  name: string;
  item_type: 'general' | 'key';
  ratio_bp: number | null;
  owner_name: string | null;
  year: number;
}

export interface Preview {
  strata: { label: string; size: number; sample: number; alternates: number; excluded: number }[];
  exclusion: { applies: boolean; months: number; zh: string; en: string };
}

export interface DrawRow {
  id: string;
  code: string;
  status: DrawStatus;
  planId: string;
  planCode: string;
  planName: string;
  year: number;
  orgName: string;
  batchName: string;
  committedAt: string;
  completedAt: string | null;
  abandonedReason: string | null;
  counts: DrawCounts | null;
}

export interface DrawCounts {
  frame: number;
  selected: number;
  alternates: number;
  tasks: number;
  assigned: number;
  unassigned: number;
}

export type Adjustment = PublicAdjustment & {
  reason: string;
  created_at: string;
  task_code: string;
  new_task_code: string | null;
};

/** GET /api/public/draws/:id (the staff view adds canAct). */
export interface PublicDraw {
  id: string;
  code: string;
  status: DrawStatus;
  orgName: string;
  regionCode: string;
  parameters: DrawParameters;
  commitment: Commitment;
  commitmentDigest: string;
  committedAt: string;
  auditSeq: number | null;
  reveal: Reveal[] | null;
  seedHex: string | null;
  revealedAt: string | null;
  completedAt: string | null;
  counts: DrawCounts | null;
  abandonedReason: string | null;
  abandonedAt: string | null;
  replaces: { id: string; code: string } | null;
  replacedBy: { id: string; code: string } | null;
  adjustments: Adjustment[];
  canAct?: boolean;
}

export interface PickRow {
  stratum: string;
  h: number;
  rank: number;
  identifier: string;
  name: string;
  selected: boolean;
  taskId: string | null;
  taskCode: string | null;
  taskStatus: TaskStatus | null;
  statusReason: string | null;
  team: string[];
}

/** Basis points as a percentage for display: 250 → "2.5%". */
export const percent = (bp: number) => `${bp / 100}%`;

/** The public address of a draw's kit. */
export const kitUrl = (drawRef: string) => `/api/public/draws/${encodeURIComponent(drawRef)}/kit`;

/** drand's own page of a quicknet round, for the operator to copy the beacon from. */
export const drandRoundUrl = (chain: string, round: number) =>
  `https://api.drand.sh/${chain}/public/${round}`;
