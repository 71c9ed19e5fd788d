// A year's totals as four numbers: on the home page and the statistics page. Kept apart from
// parts.tsx so the home page does not load the result tags and descriptions.
import { Card, Col, Row, Statistic } from 'antd';
import type { PublicStats } from '../api/publicity.ts';
import { useLocale } from '../i18n/index.tsx';

/** The totals of a year as four numbers; shared by the home page and the statistics page. */
export function StatTotals({ stats }: { stats: PublicStats | undefined }) {
  const { locale, t } = useLocale();
  const totals = stats?.totals;
  const cards = [
    { key: 'published', label: t('public.stats.published'), value: totals?.published },
    { key: 'withProblems', label: t('public.stats.withProblems'), value: totals?.withProblems },
    { key: 'entities', label: t('public.stats.entities'), value: totals?.entities },
    { key: 'departments', label: t('public.stats.departments'), value: totals?.departments },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col xs={12} md={6} key={c.key}>
          <Card size="small" data-testid={`stat-${c.key}`} data-value={c.value ?? ''}>
            <Statistic
              title={c.label}
              value={c.value ?? '—'}
              loading={!stats}
              formatter={(v) => (typeof v === 'number' ? v.toLocaleString(locale) : v)}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
