// What an inspection record needs before the lead may submit it, and the deadlines it starts, on the
// official working-day calendar. Pure: the service gathers the facts and applies the answers.
import { addWorkingDays, beyondCalendar, workingDaysBetween } from '../calendar/workdays.ts';
import {
  checkSelection,
  type Disposition,
  type FollowUpKind,
  followUpsFor,
  normaliseCodes,
  type ResultCode,
  resultCode,
} from '../results/codes.ts';

export type Method = 'onsite' | 'written' | 'online' | 'testing' | 'expert';

/** Inspection methods (检查方式); only 现场检查 visits the premises. */
export const METHODS: readonly { code: Method; zh: string; en: string; visit: boolean }[] = [
  { code: 'onsite', zh: '现场检查', en: 'On-site inspection', visit: true },
  { code: 'written', zh: '书面检查', en: 'Written (desk) review', visit: false },
  { code: 'online', zh: '网络监测', en: 'Online monitoring', visit: false },
  { code: 'testing', zh: '检验检测', en: 'Testing', visit: false },
  { code: 'expert', zh: '专业机构核查', en: 'Verification by a professional body', visit: false },
];

/** Deadlines an administrator may change (the `deadlines` setting); DOMAIN §3 gives the defaults. */
export interface DeadlineSettings {
  /** Results are public within this many working days of the end of the inspection. */
  publicationWorkingDays: number;
  /** Reminders start this many working days before the publication deadline. */
  reminderWorkingDays: number;
  /** A receiving department acknowledges a 移送 or 抄告 within this many working days. */
  acknowledgeWorkingDays: number;
  /** … and reports back what it did within this many working days of receiving it. */
  reportWorkingDays: number;
  /** The team re-checks within this many working days of the end of an order's deadline. */
  recheckWorkingDays: number;
}

export const DEFAULT_DEADLINES: DeadlineSettings = {
  publicationWorkingDays: 20,
  reminderWorkingDays: 5,
  acknowledgeWorkingDays: 3,
  reportWorkingDays: 20,
  recheckWorkingDays: 5,
};

/**
 * 《企业经营异常名录管理暂行办法》 §8–10: the listing decision is due within 10 working days of the
 * expiry of the order to publish (B) or of the verification (C, 6). Law, not a setting.
 */
export const LIST_DECISION_WORKING_DAYS = 10;

/** Groups of codes under which the premises could not be checked, so the checklist may stay unmarked. */
const NOTHING_TO_CHECK = new Set(['not_operating', 'uncooperative', 'gone']);

export interface SubmissionFacts {
  method: Method | null;
  codes: readonly string[];
  disposition: Disposition | null;
  dispositionNote: string | null;
  correctionDueOn: string | null;
  followUpOrgId: string | null;
  /** End of the inspection (China date), when known. */
  endedOn: string | null;
  /** Check contents of the checklists used, and how many are marked / marked not compliant. */
  contents: number;
  marked: number;
  notCompliant: number;
}

export interface Problem {
  field: string;
  zh: string;
  en: string;
}

/** Every reason the record cannot be submitted yet (empty when it can). */
export function submissionProblems(f: SubmissionFacts): Problem[] {
  const problems: Problem[] = [];
  if (!f.method) problems.push({ field: 'method', zh: '请选择检查方式', en: 'Choose the inspection method' });
  problems.push(...checkSelection(f.codes, f.disposition, f.dispositionNote));
  const codes = normaliseCodes(f.codes);
  const checkable = codes.length > 0 && !codes.every((c) => NOTHING_TO_CHECK.has(resultCode(c)!.group));
  if (checkable && f.marked < f.contents) {
    problems.push({
      field: 'findings',
      zh: `检查表还有 ${f.contents - f.marked} 项检查内容未填写`,
      en: `${f.contents - f.marked} check contents are not marked yet`,
    });
  }
  if (f.notCompliant > 0 && codes.includes('1')) {
    problems.push({
      field: 'codes',
      zh: `检查表中有 ${f.notCompliant} 项不符合，不能选择“未发现问题”`,
      en: `${f.notCompliant} check contents are not compliant: "No problem found" cannot be chosen`,
    });
  }
  const kinds = followUpsFor(codes);
  if (
    kinds.includes('transfer_or_notify') &&
    f.disposition !== 'case_referral' &&
    f.disposition !== 'notify_other'
  ) {
    problems.push({
      field: 'disposition',
      zh: '违反其他部门或食品药品、质量技术监督、公安规定的，应移送办案机构或抄告相关部门',
      en: 'A breach of another authority’s rules is referred as a case or notified to that department',
    });
  }
  const needsDeadline = f.disposition === 'order_correct' || kinds.includes('order_then_abnormal_list');
  if (needsDeadline && !f.correctionDueOn) {
    problems.push({
      field: 'correctionDueOn',
      zh: codes.includes('B') ? '请填写责令公示的期限' : '请填写责令改正的期限',
      en: 'Give the deadline of the order',
    });
  }
  if (needsDeadline && f.correctionDueOn && f.endedOn && f.correctionDueOn <= f.endedOn) {
    problems.push({
      field: 'correctionDueOn',
      zh: '责令期限应晚于检查结束日期',
      en: 'The order’s deadline must be after the end of the inspection',
    });
  }
  if ((f.disposition === 'case_referral' || f.disposition === 'notify_other') && !f.followUpOrgId) {
    problems.push({
      field: 'followUpOrgId',
      zh: f.disposition === 'case_referral' ? '请选择移送的办案机构' : '请选择抄告的部门',
      en:
        f.disposition === 'case_referral'
          ? 'Choose the case-handling body'
          : 'Choose the department to notify',
    });
  }
  return problems;
}

/** One follow-up an approved result starts, with its dates. */
export interface PlannedFollowUp {
  kind: 'recheck' | 'case_referral' | 'notify' | 'abnormal_list_proposal' | 'alternate';
  /** The result code behind it (B, C, 6, 9–12), when one. */
  cause: ResultCode | null;
  /** waiting until starts_on (code B's proposal waits for the order to publish to expire). */
  status: 'waiting' | 'open';
  startsOn: string | null;
  orderDueOn: string | null;
  dueOn: string | null;
  reportDueOn: string | null;
}

export interface ApprovalFacts {
  codes: readonly string[];
  disposition: Disposition | null;
  correctionDueOn: string | null;
  /** End of the inspection: the day problems were verified (查实). */
  endedOn: string;
  /** The day the reviewer approved: when a referral or notification is sent. */
  approvedOn: string;
  /** The task came from a draw, so an alternate can take its place. */
  drawn: boolean;
}

/** The follow-ups an approved result starts (DOMAIN §3 step 7), each with its legal or set deadline. */
export function plannedFollowUps(
  f: ApprovalFacts,
  d: DeadlineSettings = DEFAULT_DEADLINES,
): PlannedFollowUp[] {
  const codes = normaliseCodes(f.codes);
  const kinds: FollowUpKind[] = followUpsFor(codes);
  const planned: PlannedFollowUp[] = [];
  const none = { startsOn: null, orderDueOn: null, dueOn: null, reportDueOn: null };
  const orderDue = f.correctionDueOn;
  if ((f.disposition === 'order_correct' || codes.includes('B')) && orderDue) {
    planned.push({
      kind: 'recheck',
      cause: codes.includes('B') ? 'B' : null,
      status: 'open',
      ...none,
      orderDueOn: orderDue,
      dueOn: recheckDue(orderDue, d),
    });
  }
  if (f.disposition === 'case_referral' || f.disposition === 'notify_other') {
    planned.push({
      kind: f.disposition === 'case_referral' ? 'case_referral' : 'notify',
      cause: null,
      status: 'open',
      ...none,
      startsOn: f.approvedOn,
      dueOn: addWorkingDays(f.approvedOn, d.acknowledgeWorkingDays),
      reportDueOn: addWorkingDays(f.approvedOn, d.reportWorkingDays),
    });
  }
  if (kinds.includes('order_then_abnormal_list') && orderDue) {
    planned.push({
      kind: 'abnormal_list_proposal',
      cause: 'B',
      status: 'waiting',
      ...none,
      startsOn: orderDue,
      orderDueOn: orderDue,
      dueOn: listDecisionDue(orderDue),
    });
  }
  for (const cause of ['C', '6'] as const) {
    if (codes.includes(cause)) {
      planned.push({
        kind: 'abnormal_list_proposal',
        cause,
        status: 'open',
        ...none,
        startsOn: f.endedOn,
        dueOn: listDecisionDue(f.endedOn),
      });
    }
  }
  const gone = codes.find((c) => resultCode(c)!.followUp === 'alternate');
  if (gone && f.drawn) planned.push({ kind: 'alternate', cause: gone, status: 'open', ...none });
  return planned;
}

/** 20 working days (or as set) after the end of the inspection. */
export const publicationDeadline = (endedOn: string, d: DeadlineSettings = DEFAULT_DEADLINES) =>
  addWorkingDays(endedOn, d.publicationWorkingDays);

/** The day a re-check is due: the set number of working days after the order's deadline. */
export const recheckDue = (orderDueOn: string, d: DeadlineSettings = DEFAULT_DEADLINES) =>
  addWorkingDays(orderDueOn, d.recheckWorkingDays);

/** The legal deadline of a 经营异常名录 decision counted from its starting day. */
export const listDecisionDue = (startsOn: string) => addWorkingDays(startsOn, LIST_DECISION_WORKING_DAYS);

/** Where a deadline stands on a given day: working days left (negative once passed). */
export function deadlineState(today: string, due: string) {
  const overdue = today > due;
  const left = overdue ? -workingDaysBetween(due, today) : workingDaysBetween(today, due);
  return { due, left, overdue, beyondCalendar: beyondCalendar(due) };
}

/** A publication reminder is raised from `reminderWorkingDays` working days before the deadline. */
export const publicationReminderDue = (
  today: string,
  publishableBy: string,
  d: DeadlineSettings = DEFAULT_DEADLINES,
) => today <= publishableBy && workingDaysBetween(today, publishableBy) <= d.reminderWorkingDays;

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in China (UTC+8) of a moment: deadlines count from Chinese calendar days. */
export const chinaDate = (moment: Date) => CHINA_DATE.format(moment);
