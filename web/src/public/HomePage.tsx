// The portal's front page: look up a business, this year's headline numbers, and the sections.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Input, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { type PublicStats, STATS } from '../api/publicity.ts';
import { useDocumentTitle } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLocale } from '../i18n/index.tsx';
import { StatTotals } from './StatTotals.tsx';
import { SECTIONS } from './sections.ts';

export default function HomePage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  useDocumentTitle(t('public.title'));
  const stats = useQuery({ queryKey: [STATS, {}], queryFn: () => api.get<PublicStats>(STATS) });
  return (
    <>
      <div className="tp-public-hero">
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {t('public.home.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('public.home.intro')}</Typography.Paragraph>
        <Input.Search
          size="large"
          enterButton={t('public.home.searchButton')}
          placeholder={t('public.home.searchPlaceholder')}
          aria-label={t('public.home.searchPlaceholder')}
          onSearch={(value) => {
            const q = value.trim();
            if (q) navigate(`/businesses?q=${encodeURIComponent(q)}`);
          }}
        />
      </div>

      <Typography.Title level={5}>
        {stats.data ? t('public.home.yearFigures', { year: stats.data.year }) : t('public.nav.stats')}{' '}
        <Link to="/stats" style={{ fontSize: 14, fontWeight: 'normal' }}>
          {t('public.home.moreStats')}
        </Link>
      </Typography.Title>
      {stats.isError ? (
        <QueryError error={stats.error} retry={() => stats.refetch()} />
      ) : (
        <StatTotals stats={stats.data} />
      )}

      <Row gutter={[12, 12]}>
        {SECTIONS.map((s) => (
          <Col xs={24} sm={12} lg={8} key={s.path}>
            <Link to={s.path} data-testid={`section-${s.path.slice(1)}`}>
              <Card hoverable size="small" className="tp-public-section">
                <Typography.Text strong>{t(s.label)}</Typography.Text>
                <div className="tp-secondary">{t(s.about)}</div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
