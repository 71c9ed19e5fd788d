// Shapes of the public portal's endpoints (一公开, src/modules/publicity): the item list, published
// plans, published results, the business look-up, statistics and the open-data feeds. No login;
// errors are the usual `{ error, message, messageEn, field? }`.
// The shapes are the server's own (src/modules/publicity/service.ts builds each answer from an
// allow-list), imported as types only.
import type * as service from '../../../src/modules/publicity/service.ts';

/** What a value becomes on the wire: dates as ISO strings. */
type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
type Answer<F extends (...args: never[]) => Promise<unknown>> = Json<Awaited<ReturnType<F>>>;

export type ItemType = 'general' | 'key';
/** GET /api/public/items: one row of the 随机抽查事项清单 (`department` filters on ownerDepartment). */
export type PublicItem = Answer<typeof service.items>['rows'][number];
/** GET /api/public/items/facets. */
export type ItemFacets = Answer<typeof service.itemListFacets>;
/** GET /api/public/plans: published plans only. */
export type PublicPlanRow = Answer<typeof service.plans>['rows'][number];
/** GET /api/public/plans/:ref (a uuid or a code such as P000001): the plan as filed and published. */
export type PublicPlan = Answer<typeof service.plan>;
export type PublicAmendment = PublicPlan['amendments'][number];
/** One published inspection result, as the results list, a business page and the feeds give it. */
export type PublicResult = Json<service.PublicResult>;
/** A word of the server's dictionaries in both languages. */
export type Worded = PublicResult['codes'][number];
/** GET /api/public/entities?q: at most 20 businesses, `more` when there are others. */
export type EntityHits = Answer<typeof service.lookUp>;
export type EntityHit = EntityHits['rows'][number];
/** GET /api/public/entities/:identifier. */
export type PublicEntity = Answer<typeof service.business>;
export type ListEntry = PublicEntity['listEntries'][number];
/** GET /api/public/stats?year. */
export type PublicStats = Answer<typeof service.stats>;
/** GET /api/public/feeds/results.json. */
export type FeedPage = Answer<typeof service.feedPage>;

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
