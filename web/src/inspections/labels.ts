// Names of the inspection vocabulary in the interface language. The dictionaries themselves (result
// codes, dispositions, methods) live in the server's core and are imported, never copied.
import { METHODS } from '../../../src/core/inspections/rules.ts';
import { DISPOSITIONS, RESULT_CODES, resultCode } from '../../../src/core/results/codes.ts';
import type { Deadline } from '../api/inspections.ts';
import type { Locale, Translate } from '../i18n/index.tsx';

const pick = (locale: Locale, x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);

export const codeLabel = (locale: Locale, code: string) => {
  const info = resultCode(code);
  return info ? `${code} ${pick(locale, info)}` : code;
};

export const dispositionLabel = (locale: Locale, code: string | null) => {
  const d = DISPOSITIONS.find((x) => x.code === code);
  return d ? pick(locale, d) : '—';
};

export const methodLabel = (locale: Locale, code: string | null) => {
  const m = METHODS.find((x) => x.code === code);
  return m ? pick(locale, m) : '—';
};

export { DISPOSITIONS, METHODS, pick, RESULT_CODES };

/** "截止 2026-12-31 · 剩 5 个工作日" / "逾期 3 个工作日". */
export function deadlineText(t: Translate, d: Deadline) {
  if (d.overdue) return t('insp.deadline.overdue', { due: d.due, days: -d.left });
  return t('insp.deadline.left', { due: d.due, days: d.left });
}

export const deadlineColor = (d: Deadline) => (d.overdue ? 'error' : d.left <= 5 ? 'warning' : 'default');

/** A date-time as the phone's clock shows it, short. */
export const shortTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', {
        hour12: false,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';

/** A navigation link that opens the phone's map app or Amap's web page. */
export const mapUrl = (address: string) =>
  `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}&callnative=1`;
