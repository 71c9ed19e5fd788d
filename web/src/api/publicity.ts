// Shapes of the public portal's endpoints (一公开, src/modules/publicity): the item list, published
// plans, published results, the business look-up, statistics and the open-data feeds. No login;
// errors are the usual `{ error, message, messageEn, field? }`.
import type { DrawStatus, PlanKind, Ratios, Scope } from './draws.ts';

export type ItemType = 'general' | 'key';

/** GET /api/public/items: one row of the 随机抽查事项清单. */
export interface PublicItem {
  id: string;
  code: string;
  year: number;
  seq: number;
  department: string;
  /** 编制单位: what the department filter matches. */
  ownerDepartment: string;
  category: string;
  name: string;
  target: string;
  itemType: ItemType;
  methods: string[];
  subject: string;
  legalBasis: string;
  ratioBp: number | null;
  frequency: string;
  level: string;
  isJoint: boolean;
  field: string;
  initiatingDepartment: string;
  cooperatingDepartments: string[];
  orgName: string;
  checklistVersion: number | null;
}

/** GET /api/public/items/facets. */
export interface ItemFacets {
  years: number[];
  departments: string[];
}

/** GET /api/public/plans: published plans only. */
export interface PublicPlanRow {
  id: string;
  code: string;
  year: number;
  name: string;
  orgName: string;
  kind: PlanKind;
  departments: string[];
  directed: boolean;
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  itemCount: number;
  amendmentCount: number;
}

export interface PublicAmendment {
  seq: number;
  reason: string;
  at: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** GET /api/public/plans/:ref (a uuid or a code such as P000001): the plan as filed and published. */
export interface PublicPlan {
  id: string;
  code: string;
  year: number;
  name: string;
  orgName: string;
  kind: PlanKind;
  departments: { id: string; name: string }[];
  directed: boolean;
  scope: Scope;
  ratios: Ratios;
  alternatesBp: number;
  byDistrict: boolean;
  teamSize: number;
  crossOffice: boolean;
  excludeRecentMonths: number;
  startsOn: string;
  endsOn: string;
  filedAt: string | null;
  publishedAt: string | null;
  items: {
    id: string;
    code: string;
    name: string;
    itemType: ItemType;
    ratioBp: number | null;
    orgName: string;
  }[];
  batches: {
    id: string;
    seq: number;
    name: string;
    startsOn: string;
    endsOn: string;
    draw: { id: string; code: string; status: DrawStatus } | null;
  }[];
  amendments: PublicAmendment[];
}

/** A word of the server's dictionaries in both languages. */
export interface Worded {
  code: string;
  zh: string;
  en: string;
}

/** One published inspection result, as the results list, a business page and the feeds give it. */
export interface PublicResult {
  id: string;
  entityName: string;
  identifier: string;
  endedOn: string;
  publishedAt: string;
  department: string;
  items: string[];
  codes: Worded[];
  disposition: Worded | null;
  correctionDueOn: string | null;
  taskCode: string;
  drawCode: string | null;
}

/** GET /api/public/entities?q: at most 20 businesses, `more` when there are others. */
export interface EntityHit {
  identifier: string;
  name: string;
  kind: string;
  status: string;
  region: string;
  publishedCount: number;
  abnormalListed: boolean;
}

export interface ListEntry {
  list: 'abnormal';
  causeText: string;
  listedOn: string;
  removedOn: string | null;
  removalReason: string | null;
  department: string;
}

/** GET /api/public/entities/:identifier. */
export interface PublicEntity {
  identifier: string;
  name: string;
  kind: string;
  status: string;
  registeredOn: string | null;
  address: string | null;
  region: string;
  industry: string | null;
  inspections: PublicResult[];
  listEntries: ListEntry[];
}

/** GET /api/public/stats?year. */
export interface PublicStats {
  year: number;
  years: number[];
  totals: { published: number; withProblems: number; entities: number; departments: number };
  byDepartment: { department: string; n: number; withProblems: number }[];
  byCode: (Worded & { n: number })[];
  byMonth: { month: string; n: number; withProblems: number }[];
}

/** The statistics of a year (this year without `year`). */
export const STATS = '/api/public/stats';

/** The open-data feeds, as addresses anyone can fetch. */
export const FEEDS = {
  json: '/api/public/feeds/results.json',
  csv: '/api/public/feeds/results.csv',
} as const;

/** A feed's address for results published since a day (YYYY-MM-DD). */
export function feedUrl(kind: keyof typeof FEEDS, since: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ since, ...extra });
  return `${FEEDS[kind]}?${query}`;
}

/** A business's page in the portal. */
export const businessPath = (identifier: string) => `/businesses/${encodeURIComponent(identifier)}`;

/** A USCC (18 characters) or an old registration number (15 digits): looked up as a code, not a name. */
export const looksLikeIdentifier = (text: string) =>
  /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i.test(text) || /^\d{15}$/.test(text);
