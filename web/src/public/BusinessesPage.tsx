// 企业查询: a business by part of its name (two characters at least) or by its code, with how many
// of its inspections are published and whether it is in the 经营异常名录. At most 20 at a time.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { businessPath, type EntityHit, looksLikeIdentifier } from '../api/publicity.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { codeName, useLocale } from '../i18n/index.tsx';

const ENTITIES = '/api/public/entities';

export default function BusinessesPage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const hits = useQuery({
    queryKey: [ENTITIES, { q }],
    queryFn: () => api.get<{ rows: EntityHit[]; more: boolean }>(ENTITIES, { q }),
    enabled: q !== '',
    retry: false,
  });

  // A code that names exactly one business opens its page straight away.
  const only = hits.data?.rows.length === 1 ? hits.data.rows[0] : undefined;
  useEffect(() => {
    if (only && looksLikeIdentifier(q) && only.identifier.toUpperCase() === q.toUpperCase())
      navigate(businessPath(only.identifier), { replace: true });
  }, [only, q, navigate]);

  return (
    <>
      <PageHeader title={t('public.businesses.title')} subtitle={t('public.businesses.intro')} />
      <Card className="tp-panel">
        <Input.Search
          // Remounted when the address changes the value (back button), so the box shows it.
          key={q}
          defaultValue={q}
          allowClear
          enterButton
          placeholder={t('public.home.searchPlaceholder')}
          aria-label={t('public.home.searchPlaceholder')}
          onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
          style={{ marginBottom: 16, maxWidth: 560 }}
        />
        {!q ? (
          <div className="tp-secondary">{t('public.businesses.hint')}</div>
        ) : hits.isError ? (
          <QueryError error={hits.error} />
        ) : (
          <>
            {hits.data?.more && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('public.businesses.more')} />
            )}
            {hits.isFetching && !hits.data ? (
              <Loading />
            ) : hits.data && hits.data.rows.length === 0 ? (
              <Empty description={t('public.businesses.none', { q })} />
            ) : (
              <div className="tp-public-hits">
                {hits.data?.rows.map((e) => (
                  <div key={e.identifier} className="tp-public-hit">
                    <Link to={businessPath(e.identifier)} data-testid="business-hit">
                      {e.name}
                    </Link>
                    <Space size={[6, 4]} wrap className="tp-secondary">
                      <span className="tp-code">{e.identifier}</span>
                      <span>{codeName(t, 'entity.kind.', e.kind)}</span>
                      <span>{codeName(t, 'entity.status.', e.status)}</span>
                      {e.region && <span>{e.region}</span>}
                      <Tag color={e.publishedCount ? 'blue' : 'default'}>
                        {t('public.businesses.published', { n: e.publishedCount })}
                      </Tag>
                      {e.abnormalListed && <Tag color="error">{t('public.business.abnormalNow')}</Tag>}
                    </Space>
                  </div>
                ))}
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
