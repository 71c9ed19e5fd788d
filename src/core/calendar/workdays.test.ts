import { describe, expect, it } from 'vitest';
import { addWorkingDays, beyondCalendar, isWorkingDay, workingDaysBetween } from './workdays.ts';

describe('official working days', () => {
  it('knows National Day and its 调休 make-up Saturday in 2026', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday worked in exchange
    expect(isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });

  it('counts 20 working days across the National Day holiday', () => {
    // An inspection ending on Tuesday 29 September 2026: 30 Sep is the 1st working day, the
    // holiday runs 1–7 Oct, 8–10 Oct (Saturday 10 Oct is worked) are the 2nd to 4th, three full
    // weeks give the 5th to 19th, so the 20th working day is Monday 2 November.
    expect(addWorkingDays('2026-09-29', 20)).toBe('2026-11-02');
    expect(workingDaysBetween('2026-09-29', '2026-11-02')).toBe(20);
    // Counting weekdays only would have said 27 October.
    expect(workingDaysBetween('2026-09-29', '2026-10-27')).toBe(16);
  });

  it('counts across the Spring Festival with its make-up days', () => {
    const due = addWorkingDays('2026-02-10', 10);
    expect(workingDaysBetween('2026-02-10', due)).toBe(10);
    expect(isWorkingDay(due)).toBe(true);
    // The Spring Festival holiday makes the span much longer than ten weekdays.
    expect(due > '2026-02-24').toBe(true);
  });

  it('treats zero days as the same day and refuses nonsense', () => {
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow(RangeError);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).toBe(0);
  });

  it('says when a date is beyond the holiday data', () => {
    expect(beyondCalendar('2026-12-31')).toBe(false);
    expect(beyondCalendar('2027-01-04')).toBe(true);
  });
});
