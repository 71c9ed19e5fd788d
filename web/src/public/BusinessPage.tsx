// One business as the public may see it: its registration, its published inspections and its
// 经营异常名录 entries, current and removed. Nothing that is not published (no tasks, no inspectors).
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { ListEntry, PublicEntity } from '../api/publicity.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { codeName, useLocale } from '../i18n/index.tsx';
import { ResultCard } from './parts.tsx';

function ListEntries({ entries }: { entries: ListEntry[] }) {
  const { t } = useLocale();
  if (!entries.length) return <Empty description={t('public.business.noListEntries')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {entries.map((e) => (
        <Card
          key={`${e.listedOn}-${e.causeText}`}
          size="small"
          data-testid="list-entry"
          data-removed={e.removedOn ? 'true' : 'false'}
          title={
            <Space size={[8, 0]} wrap>
              {t('public.business.abnormalList')}
              {e.removedOn ? (
                <Tag color="default">{t('public.business.removed')}</Tag>
              ) : (
                <Tag color="error">{t('public.business.listed')}</Tag>
              )}
            </Space>
          }
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('public.business.listedOn')}>{e.listedOn}</Descriptions.Item>
            <Descriptions.Item label={t('public.business.cause')}>{e.causeText}</Descriptions.Item>
            <Descriptions.Item label={t('public.business.listedBy')}>{e.department}</Descriptions.Item>
            {e.removedOn && (
              <>
                <Descriptions.Item label={t('public.business.removedOn')}>{e.removedOn}</Descriptions.Item>
                <Descriptions.Item label={t('public.business.removalReason')}>
                  {e.removalReason || '—'}
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
        </Card>
      ))}
    </Space>
  );
}

export default function BusinessPage() {
  const { t } = useLocale();
  const { identifier = '' } = useParams();
  const path = `/api/public/entities/${encodeURIComponent(identifier)}`;
  const entity = useQuery({ queryKey: [path], queryFn: () => api.get<PublicEntity>(path) });
  if (entity.isLoading) return <Loading />;
  if (entity.isError || !entity.data)
    return <QueryError error={entity.error} retry={() => entity.refetch()} />;
  const e = entity.data;
  const listed = e.listEntries.some((x) => !x.removedOn);
  return (
    <>
      <PageHeader
        title={e.name}
        subtitle={
          <Space size={[8, 4]} wrap>
            <span className="tp-code" data-testid="business-identifier">
              {e.identifier}
            </span>
            {listed && <Tag color="error">{t('public.business.abnormalNow')}</Tag>}
          </Space>
        }
        extra={<Link to="/businesses">{t('public.business.back')}</Link>}
      />
      <Card className="tp-panel" title={t('public.business.registration')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('entity.identifier')}>{e.identifier}</Descriptions.Item>
          <Descriptions.Item label={t('entity.kind')}>
            {codeName(t, 'entity.kind.', e.kind)}
          </Descriptions.Item>
          <Descriptions.Item label={t('entity.status')}>
            {codeName(t, 'entity.status.', e.status)}
          </Descriptions.Item>
          <Descriptions.Item label={t('entity.registeredOn')}>{e.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('entity.regAddress')} span={{ xs: 1, md: 2 }}>
            {e.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('entity.region')}>{e.region || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('entity.industry')}>{e.industry ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        className="tp-panel"
        title={t('public.business.inspections', { n: e.inspections.length })}
        data-testid="business-inspections"
      >
        {e.inspections.length ? (
          e.inspections.map((r) => <ResultCard key={r.id} result={r} />)
        ) : (
          <Empty description={t('public.business.noInspections')} />
        )}
      </Card>
      <Card className="tp-panel" title={t('public.business.abnormalList')}>
        <ListEntries entries={e.listEntries} />
      </Card>
    </>
  );
}
