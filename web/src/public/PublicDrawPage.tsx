// One draw as the public sees it: what was committed and when, the sources and their values, the
// seed, counts per stratum, every drawn business with its task and team, adjustments, and the kit.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { kitUrl, type PublicDraw } from '../api/draws.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import {
  AdjustmentsList,
  CommitmentCard,
  DrawNotices,
  DrawStatusTag,
  PicksTable,
  RulesCard,
  StrataTable,
} from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';

export default function PublicDrawPage() {
  const { t } = useLocale();
  const { ref = '' } = useParams();
  const path = `/api/public/draws/${encodeURIComponent(ref)}`;
  const draw = useQuery({ queryKey: [path], queryFn: () => api.get<PublicDraw>(path) });
  if (draw.isLoading) return <Loading />;
  if (draw.isError || !draw.data) return <QueryError error={draw.error} retry={() => draw.refetch()} />;
  const d = draw.data;
  return (
    <>
      <PageHeader
        title={t('draw.titleN', { code: d.code })}
        subtitle={
          <Space wrap>
            <DrawStatusTag status={d.status} />
            {d.parameters.plan.name} · {d.parameters.batch.name} · {d.orgName}
          </Space>
        }
        extra={
          d.completedAt && (
            <Space wrap>
              <Button href={kitUrl(d.code)} download data-testid="kit-download">
                {t('draw.downloadKit')}
              </Button>
              <Link to={`/verify?draw=${d.code}`}>
                <Button type="primary" data-testid="verify-this">
                  {t('draw.verifyInBrowser')}
                </Button>
              </Link>
            </Space>
          )
        }
      />
      <DrawNotices draw={d} linkTo={(other) => `/draws/${other.code}`} />
      {d.status === 'committed' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('public.draw.waiting')} />
      )}
      <Card className="tp-panel" title={t('draw.strata')}>
        <StrataTable draw={d} />
      </Card>
      {d.counts && (
        <Card className="tp-panel" title={t('draw.results')}>
          <PicksTable draw={d} />
        </Card>
      )}
      <CommitmentCard draw={d} />
      <RulesCard draw={d} />
      <Card className="tp-panel" title={t('draw.adjustments')}>
        <AdjustmentsList adjustments={d.adjustments} />
      </Card>
    </>
  );
}
