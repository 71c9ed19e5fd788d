// 抽查结果 as published (谁检查、谁公示): by period, department and result code, or searched by
// business; each row names the draw the inspection came from.
import { useQuery } from '@tanstack/react-query';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { RESULT_CODES } from '../../../src/core/results/codes.ts';
import { api } from '../api/client.ts';
import { type PublicResult, type PublicStats, STATS } from '../api/publicity.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { resultColumns, worded } from './parts.tsx';

const RESULTS = '/api/public/results';
const FILTERS = ['q', 'since', 'until', 'department', 'code'] as const;
const DAY = 'YYYY-MM-DD';
const isDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export default function ResultsPage() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const table = useTableState(FILTERS);
  const f = table.filters;
  const since = isDay(f.since);
  const until = isDay(f.until);
  // The departments that have published results in the year of the period (this year by default).
  const year = since ? Number(since.slice(0, 4)) : undefined;
  const stats = useQuery({
    queryKey: [STATS, year === undefined ? {} : { year }],
    queryFn: () => api.get<PublicStats>(STATS, { year }),
  });
  const results = usePageQuery<PublicResult>(RESULTS, table, {
    q: f.q,
    since,
    until,
    department: f.department,
    code: f.code,
  });

  return (
    <>
      <PageHeader title={t('public.results.title')} subtitle={t('public.results.intro')} />
      <PagedTable
        table={table}
        result={results}
        columns={resultColumns(t, locale, { business: true, phone })}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('public.results.search') }}
        toolbarExtra={
          <DatePicker.RangePicker
            className="tp-toolbar-wide"
            allowEmpty={[true, true]}
            value={[since ? dayjs(since) : null, until ? dayjs(until) : null]}
            placeholder={[t('public.results.since'), t('public.results.until')]}
            onChange={(range) =>
              table.setFilters({
                since: range?.[0]?.format(DAY) ?? undefined,
                until: range?.[1]?.format(DAY) ?? undefined,
              })
            }
            data-testid="results-range"
          />
        }
        selects={[
          {
            filter: 'department',
            placeholder: t('public.results.allDepartments'),
            searchable: true,
            options: (stats.data?.byDepartment ?? []).map((d) => ({
              value: d.department,
              label: d.department,
            })),
          },
          {
            filter: 'code',
            placeholder: t('public.results.allCodes'),
            searchable: true,
            options: RESULT_CODES.map((c) => ({ value: c.code, label: `${c.code} ${worded(locale, c)}` })),
          },
        ]}
      />
    </>
  );
}
