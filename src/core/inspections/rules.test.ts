import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  DEFAULT_DEADLINES,
  deadlineState,
  listDecisionDue,
  plannedFollowUps,
  publicationDeadline,
  publicationReminderDue,
  recheckDue,
  type SubmissionFacts,
  submissionProblems,
} from './rules.ts';

const ready: SubmissionFacts = {
  method: 'onsite',
  codes: ['1'],
  disposition: 'none',
  dispositionNote: null,
  correctionDueOn: null,
  followUpOrgId: null,
  endedOn: '2026-11-23',
  contents: 3,
  marked: 3,
  notCompliant: 0,
};
const fields = (f: Partial<SubmissionFacts>) => submissionProblems({ ...ready, ...f }).map((p) => p.field);

describe('publication deadline and reminders', () => {
  it('counts 20 working days over the Labour Day holiday and its make-up Saturday', () => {
    // 1, 4, 5 May are holidays; Saturday 9 May is worked: the 20th working day after 30 April is 1 June.
    expect(publicationDeadline('2026-04-30')).toBe('2026-06-01');
    // Weekdays alone would have said 28 May.
    expect(publicationDeadline('2026-04-30', { ...DEFAULT_DEADLINES, publicationWorkingDays: 15 })).toBe(
      '2026-05-25',
    );
  });

  it('reminds from five working days before the deadline, counting a 调休 Saturday as a working day', () => {
    expect(publicationReminderDue('2026-05-25', '2026-06-01')).toBe(true);
    expect(publicationReminderDue('2026-05-22', '2026-06-01')).toBe(false);
    // Twelve calendar days before 12 October, but only four working days (8, 9, 10 (Saturday), 12).
    expect(publicationReminderDue('2026-09-30', '2026-10-12')).toBe(true);
    expect(publicationReminderDue('2026-06-02', '2026-06-01')).toBe(false);
  });

  it('says how many working days are left, negative once passed, and flags dates past the holiday data', () => {
    expect(deadlineState('2026-09-30', '2026-10-12')).toEqual({
      due: '2026-10-12',
      left: 4,
      overdue: false,
      beyondCalendar: false,
    });
    expect(deadlineState('2026-10-14', '2026-10-12')).toMatchObject({ left: -2, overdue: true });
    expect(deadlineState('2026-12-20', '2027-01-20').beyondCalendar).toBe(true);
  });

  it('takes the calendar day in China, not in UTC', () => {
    expect(chinaDate(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(chinaDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  });
});

describe('follow-up deadlines', () => {
  it('gives a 经营异常名录 decision 10 working days, over the Spring Festival and both its make-up Saturdays', () => {
    // Saturday 14 Feb is worked (1st), 16–23 Feb are the holiday, 24–27 Feb the 2nd–5th, Saturday 28 Feb
    // the 6th, 2–5 March the 7th–10th.
    expect(listDecisionDue('2026-02-13')).toBe('2026-03-05');
    // Mid-Autumn (25 Sep) and National Day (1–7 Oct) with Saturday 10 October worked.
    expect(listDecisionDue('2026-09-24')).toBe('2026-10-15');
  });

  it('plans the re-check after an order to correct expires', () => {
    const planned = plannedFollowUps({
      codes: ['D'],
      disposition: 'order_correct',
      correctionDueOn: '2026-09-30',
      endedOn: '2026-09-20',
      approvedOn: '2026-09-22',
      drawn: true,
    });
    expect(planned).toEqual([
      {
        kind: 'recheck',
        cause: null,
        status: 'open',
        startsOn: null,
        orderDueOn: '2026-09-30',
        dueOn: recheckDue('2026-09-30'),
        reportDueOn: null,
      },
    ]);
    // Five working days after 30 September: 8, 9, 10 (Saturday), 12, 13 October.
    expect(recheckDue('2026-09-30')).toBe('2026-10-13');
  });

  it('orders B to publish, then proposes the list 10 working days after the order expires', () => {
    const planned = plannedFollowUps({
      codes: ['B'],
      disposition: 'order_correct',
      correctionDueOn: '2026-02-13',
      endedOn: '2026-02-02',
      approvedOn: '2026-02-03',
      drawn: true,
    });
    expect(planned.map((p) => [p.kind, p.cause, p.status])).toEqual([
      ['recheck', 'B', 'open'],
      ['abnormal_list_proposal', 'B', 'waiting'],
    ]);
    expect(planned[1]).toMatchObject({ startsOn: '2026-02-13', dueOn: '2026-03-05' });
  });

  it('proposes the list for C and 6 from the day they were verified, one proposal each', () => {
    const planned = plannedFollowUps({
      codes: ['C', '6'],
      disposition: 'stop_feedback',
      correctionDueOn: null,
      endedOn: '2026-09-24',
      approvedOn: '2026-09-28',
      drawn: true,
    });
    expect(planned.map((p) => [p.kind, p.cause, p.startsOn, p.dueOn])).toEqual([
      ['abnormal_list_proposal', 'C', '2026-09-24', '2026-10-15'],
      ['abnormal_list_proposal', '6', '2026-09-24', '2026-10-15'],
    ]);
  });

  it('sends 移送 and 抄告 with acknowledgement and report deadlines from the approval', () => {
    const [referral] = plannedFollowUps({
      codes: ['D'],
      disposition: 'case_referral',
      correctionDueOn: null,
      endedOn: '2026-09-28',
      approvedOn: '2026-09-30',
      drawn: true,
    });
    expect(referral).toMatchObject({
      kind: 'case_referral',
      dueOn: '2026-10-10', // 3 working days: 8, 9 and Saturday 10 October
      // 20 working days: 8–10 October, then 12 October to 3 November.
      reportDueOn: '2026-11-03',
    });
    const [notice] = plannedFollowUps({
      codes: ['5'],
      disposition: 'notify_other',
      correctionDueOn: null,
      endedOn: '2026-09-28',
      approvedOn: '2026-09-30',
      drawn: true,
    });
    expect(notice.kind).toBe('notify');
  });

  it('draws an alternate for 9–12 only when the task came from a draw, and nothing for a clean result', () => {
    const gone = {
      disposition: null,
      correctionDueOn: null,
      endedOn: '2026-11-02',
      approvedOn: '2026-11-03',
    };
    expect(plannedFollowUps({ ...gone, codes: ['11'], drawn: true })).toMatchObject([
      { kind: 'alternate', cause: '11' },
    ]);
    expect(plannedFollowUps({ ...gone, codes: ['11'], drawn: false })).toEqual([]);
    expect(plannedFollowUps({ ...gone, codes: ['1'], disposition: 'none', drawn: true })).toEqual([]);
  });
});

describe('what the lead must settle before submitting', () => {
  it('accepts a complete clean record', () => {
    expect(submissionProblems(ready)).toEqual([]);
  });

  it('needs every check content marked unless the premises could not be checked', () => {
    expect(fields({ marked: 2 })).toEqual(['findings']);
    expect(fields({ marked: 0, codes: ['7'], disposition: 'none' })).toEqual([]);
    expect(fields({ marked: 0, codes: ['9'], disposition: null })).toEqual([]);
  });

  it('refuses 未发现问题 when the checklist holds a non-compliant content', () => {
    expect(fields({ notCompliant: 1 })).toEqual(['codes']);
    expect(fields({ notCompliant: 1, codes: ['E'] })).toEqual([]);
  });

  it('needs the order’s deadline for 责令改正 and for B, after the end of the inspection', () => {
    expect(fields({ codes: ['D'], disposition: 'order_correct' })).toEqual(['correctionDueOn']);
    expect(fields({ codes: ['B'], disposition: 'stop_feedback' })).toContain('correctionDueOn');
    expect(fields({ codes: ['D'], disposition: 'order_correct', correctionDueOn: '2026-11-23' })).toEqual([
      'correctionDueOn',
    ]);
    expect(fields({ codes: ['D'], disposition: 'order_correct', correctionDueOn: '2026-12-07' })).toEqual([]);
  });

  it('sends breaches of other authorities’ rules to them, naming the receiver', () => {
    expect(fields({ codes: ['5'], disposition: 'order_correct', correctionDueOn: '2026-12-07' })).toEqual([
      'disposition',
    ]);
    expect(fields({ codes: ['5'], disposition: 'notify_other' })).toEqual(['followUpOrgId']);
    expect(fields({ codes: ['G'], disposition: 'case_referral', followUpOrgId: 'x' })).toEqual([]);
  });

  it('passes on the dictionary’s own rules and asks for the method', () => {
    expect(fields({ codes: ['1', 'D'], method: null })).toEqual(expect.arrayContaining(['method', 'codes']));
    expect(fields({ codes: ['A'], disposition: 'order_correct', correctionDueOn: '2026-12-07' })).toEqual([
      'codes',
    ]);
  });
});
