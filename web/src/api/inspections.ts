// Shapes of the inspection and follow-up routes' answers (src/modules/inspections, src/modules/followups).
import type { ChecklistContent } from '../../../src/core/checklist/content.ts';
import type { Method } from '../../../src/core/inspections/rules.ts';
import type { Disposition } from '../../../src/core/results/codes.ts';
import type {
  FindingResult,
  FollowUpStatus,
  FollowUpType,
  InspectionStatus,
  Location,
  NoticeChannel,
} from '../../../src/db/schema.ts';

export type {
  ChecklistContent,
  Disposition,
  FindingResult,
  FollowUpStatus,
  FollowUpType,
  InspectionStatus,
  Location,
  Method,
  NoticeChannel,
};

export interface Deadline {
  due: string;
  left: number;
  overdue: boolean;
  beyondCalendar: boolean;
}

export interface Finding {
  checklistId: string;
  contentNo: string;
  result: FindingResult;
  note: string;
  by: string;
  at: string;
  version: number;
}

export interface Evidence {
  id: string;
  kind: 'photo' | 'document';
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  note: string;
  checklistId: string | null;
  contentNo: string | null;
  capturedAt: string | null;
  location: Location | null;
  by: string;
  at: string;
  thumbnail: boolean;
}

export interface HistoryEntry {
  version: number;
  kind: string;
  target: string | null;
  value: unknown;
  outcome: 'applied' | 'conflict' | 'rejected';
  by: string;
  at: string;
  madeAt: string | null;
}

export interface RecordFollowUp {
  id: string;
  code: string;
  kind: FollowUpType;
  status: FollowUpStatus;
  outcome: string | null;
  cause: string | null;
  toOrgName: string;
  dueOn: string | null;
  orderDueOn: string | null;
  reportDueOn: string | null;
  escalatedAt: string | null;
  recheckTaskCode: string | null;
}

export interface Moment {
  at: string;
  location: Location | null;
}

export interface InspectionRecord {
  id: string;
  taskId: string;
  orgId: string;
  status: InspectionStatus;
  version: number;
  checklistIds: string[];
  method: Method | null;
  plannedOn: string | null;
  notice: { at: string; channel: NoticeChannel; note: string } | null;
  start: Moment | null;
  end: Moment | null;
  endedOn: string | null;
  codes: string[];
  codesVersion: number;
  disposition: Disposition | null;
  dispositionNote: string;
  correctionDueOn: string | null;
  followUpOrg: { id: string; name: string } | null;
  summary: string;
  findings: Finding[];
  evidence: Evidence[];
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  returnReason: string | null;
  approvedAt: string | null;
  publishableBy: string | null;
  deadline: Deadline | null;
  publishedAt: string | null;
  history: HistoryEntry[];
  followUps: RecordFollowUp[];
}

export interface TaskView {
  task: {
    id: string;
    code: string;
    status: 'unassigned' | 'assigned' | 'cancelled';
    statusReason: string | null;
    plan: { code: string; name: string } | null;
    deadline: string | null;
    recheckOf: string | null;
    joint: boolean;
  };
  entity: {
    id: string;
    name: string;
    identifier: string;
    address: string | null;
    phone: string | null;
    legalRep: string | null;
    regionCode: string;
    status: string;
  };
  orgId: string;
  departments: { id: string; name: string; lead: boolean }[];
  team: {
    name: string;
    certNo: string;
    orgId: string;
    orgName: string;
    position: number;
    lead: boolean;
    me: boolean;
  }[];
  items: { id: string; code: string; name: string; category: string }[];
  checklists: { id: string; itemId: string; itemName: string; version: number; content: ChecklistContent }[];
  record: InspectionRecord | null;
  previous: {
    id: string;
    taskCode: string;
    orgName: string;
    endedOn: string | null;
    status: InspectionStatus;
    method: Method | null;
    disposition: Disposition | null;
    codes: string[];
  }[];
  can: { edit: boolean; submit: boolean; review: boolean; publish: boolean };
}

export interface MyTask {
  taskId: string;
  code: string;
  entityName: string;
  identifier: string;
  address: string | null;
  phone: string | null;
  inspectionId: string | null;
  status: InspectionStatus;
  returnReason: string | null;
  plannedOn: string | null;
  deadline: Deadline | null;
  recheck: boolean;
  lead: boolean;
  items: number;
  view: 'today' | 'upcoming' | 'overdue' | 'done';
}

export interface SyncAnswer {
  record: InspectionRecord;
  applied: string[];
  duplicates: string[];
  conflicts: { id: string; field: string; yours: unknown; theirs: unknown; by: string; at: string }[];
  overwritten: {
    id: string;
    checklistId: string;
    contentNo: string;
    previous: { result: FindingResult; note: string; by: string };
  }[];
  rejected: { id: string; message: string; messageEn: string }[];
}

export interface InspectionRow {
  id: string;
  taskId: string;
  taskCode: string;
  entityName: string;
  identifier: string;
  orgName: string;
  status: InspectionStatus;
  method: Method | null;
  endedOn: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  leadName: string | null;
  returnReason: string | null;
  codes: string[];
  publishableBy: string | null;
  deadline: Deadline | null;
  reminded: boolean;
}

export interface FollowUp {
  id: string;
  code: string;
  kind: FollowUpType;
  status: FollowUpStatus;
  outcome: string | null;
  cause: string | null;
  note: string;
  entity: { id: string; name: string; identifier: string };
  from: { id: string; name: string };
  to: { id: string; name: string };
  inspectionId: string;
  taskCode: string;
  recheckTask: { id: string; code: string } | null;
  startsOn: string | null;
  orderDueOn: string | null;
  dueOn: string | null;
  reportDueOn: string | null;
  deadline: Deadline | null;
  acknowledgedAt: string | null;
  report: string | null;
  reportedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  escalatedAt: string | null;
  detail: { error?: string; errorEn?: string; newTask?: string } | null;
  createdAt: string;
  closedAt: string | null;
  can: { acknowledge: boolean; report: boolean; decide: boolean; retry: boolean };
}

export interface ListEntry {
  id: string;
  entity_id: string;
  entity_name: string;
  identifier: string;
  cause: string;
  cause_text: string;
  listed_on: string;
  decided_by_name: string;
  removed_on: string | null;
  removal_reason: string | null;
  org_name: string;
}

export interface BusinessInspection {
  id: string;
  taskCode: string;
  department: string;
  status: InspectionStatus;
  method: Method | null;
  endedOn: string | null;
  items: string[];
  codes: { code: string; name: string }[];
  disposition: Disposition | null;
  correctionDueOn: string | null;
  notCompliant: string[];
  publishedAt: string | null;
}

export interface Consolidated {
  task: { id: string; code: string; entity: string; identifier: string };
  complete: boolean;
  codes: string[];
  departments: {
    orgId: string;
    orgName: string;
    lead: boolean;
    items: { id: string; name: string }[];
    inspectionId: string | null;
    status: InspectionStatus | null;
    method: Method | null;
    endedOn: string | null;
    codes: string[];
    disposition: Disposition | null;
    summary: string;
    findings: { contents: number; compliant: number; not: number; na: number; unmarked: number };
    evidence: number;
  }[];
}
