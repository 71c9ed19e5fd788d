// Shapes of the credit module's responses (src/modules/credit/routes.ts) and its model types,
// which come from the pure core so that the editor validates exactly as the server does.
import type {
  DirectRule,
  Group,
  Indicator,
  IndicatorRule,
  ModelDefinition,
  Thresholds,
} from '../../../src/core/credit/model.ts';
import type { CreditClass, EntityKind, EntityStatus } from './types.ts';

export type { DirectRule, Group, Indicator, IndicatorRule, ModelDefinition, Thresholds };

export type RunKind = 'full' | 'dry_run' | 'incremental';
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface Movement {
  from: CreditClass | null;
  to: CreditClass;
  count: number;
}

/** Class → count; businesses not classified yet under 'none'. */
export type ClassCounts = Partial<Record<CreditClass | 'none', number>>;

export interface CreditRun {
  id: string;
  seq: number;
  kind: RunKind;
  model_id: string;
  model_version: number;
  status: RunStatus;
  trigger: string;
  as_of: string;
  progress: number;
  stage: string | null;
  entity_id: string | null;
  total: number | null;
  counts: ClassCounts | null;
  before_counts: ClassCounts | null;
  movement: Movement[] | null;
  changed: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  created_by_name: string | null;
}

export interface CreditSummary {
  model: { id: string; version: number; activatedAt: string | null };
  counts: ClassCounts;
  snapshot: CreditRun | null;
  running: Pick<CreditRun, 'id' | 'kind' | 'status' | 'progress' | 'stage'>[];
}

export interface CreditModel extends ModelDefinition {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  note: string;
  based_on: number | null;
  created_at: string;
  activated_at: string | null;
}

export interface CreditModelRow {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  note: string;
  based_on: number | null;
  created_at: string;
  activated_at: string | null;
  retired_at: string | null;
  created_by_name: string | null;
  activated_by_name: string | null;
}

export interface ChangedRow {
  id: string;
  identifier: string;
  name: string;
  region_code: string;
  prev_class: CreditClass | null;
  class: CreditClass;
  score: number;
  rule: string | null;
}

export interface Factor {
  code: string;
  group: Group;
  name: string;
  metric: Indicator['metric'];
  weight: number;
  points: number;
  contribution: number;
  rule: IndicatorRule;
}

export interface Classification {
  runId: string;
  kind: RunKind;
  asOf: string;
  finishedAt: string;
  modelVersion: number;
  score: number;
  class: CreditClass;
  prevClass: CreditClass | null;
  rule: string | null;
}

export interface CreditEvent {
  id: string;
  kind: string;
  occurred_on: string;
  severity: number | null;
  amount_yuan: string | null;
  subject: string | null;
  ref: string | null;
  source: string;
  created_at: string;
}

export interface CreditProfile {
  entity: {
    id: string;
    identifier: string;
    name: string;
    kind: EntityKind;
    legal_rep: string | null;
    region_code: string;
    industry_code: string | null;
    registered_on: string | null;
    status: EntityStatus;
    credit_class: CreditClass | null;
    abnormal_listed: boolean;
    serious_listed: boolean;
    complaint_count: number;
  };
  latest: (Classification & { thresholds: Thresholds; factors: Factor[] }) | null;
  history: Classification[];
  events: CreditEvent[];
}

export const CREDIT_API = '/api/credit';
