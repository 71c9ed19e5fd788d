// Working days on the official Chinese calendar: weekends, public holidays and 调休 make-up days,
// from the npm package chinese-workday (data for 2011–2026). Dates are 'YYYY-MM-DD' strings.
import { isWorkday } from 'chinese-workday';

/** The last year the bundled holiday data covers; later years count weekdays only. */
export const CALENDAR_LAST_YEAR = 2026;

const DAY_MS = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number) => toIso(toTime(iso) + days * DAY_MS);

export function isWorkingDay(iso: string): boolean {
  return isWorkday(iso);
}

/**
 * The day on which `n` working days after `iso` have passed (`iso` itself not counted): the
 * deadline of "within n working days of" an event on `iso`.
 */
export function addWorkingDays(iso: string, n: number): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = iso;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

/** True when a date lies beyond the holiday data, so a deadline there may miss a holiday. */
export const beyondCalendar = (iso: string) => Number(iso.slice(0, 4)) > CALENDAR_LAST_YEAR;
