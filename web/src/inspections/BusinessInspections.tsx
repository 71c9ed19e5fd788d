// A business's own completed inspections: department, date, items, results and what it must correct.
// The server answers from an allow-list (no inspector names, notes, phones or ID numbers).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Space, Tag } from 'antd';
import { api } from '../api/client.ts';
import type { BusinessInspection } from '../api/inspections.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLocale } from '../i18n/index.tsx';
import { dispositionLabel, methodLabel } from './labels.ts';

export function BusinessInspections() {
  const { locale, t } = useLocale();
  const list = useQuery({
    queryKey: ['/api/my/inspections'],
    queryFn: () => api.get<{ rows: BusinessInspection[] }>('/api/my/inspections'),
  });
  if (list.isError) return <QueryError error={list.error} retry={() => list.refetch()} />;
  if (!list.data) return <Loading />;
  if (!list.data.rows.length) return <Empty description={t('business.inspectionsEmpty')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {list.data.rows.map((r) => (
        <Card key={r.id} size="small" data-testid="business-inspection">
          <Space size={[4, 4]} wrap>
            <strong>{r.endedOn ?? '—'}</strong>
            <span>{r.department}</span>
            <Tag>{methodLabel(locale, r.method)}</Tag>
            <Tag color={r.status === 'published' ? 'cyan' : 'success'}>{t(`insp.status.${r.status}`)}</Tag>
          </Space>
          <div className="tp-secondary">{r.items.join('、')}</div>
          <Space size={[4, 4]} wrap style={{ margin: '6px 0' }}>
            {r.codes
              .filter((c) => c.code !== 'A')
              .map((c) => (
                <Tag key={c.code} color={c.code === '1' ? 'green' : 'orange'}>
                  {c.code} {c.name}
                </Tag>
              ))}
          </Space>
          <div>{dispositionLabel(locale, r.disposition)}</div>
          {r.correctionDueOn && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 6 }}
              title={t('business.correctBy', { date: r.correctionDueOn })}
            />
          )}
          {r.notCompliant.length > 0 && (
            <ul className="tp-problem-list" style={{ marginTop: 6 }}>
              {r.notCompliant.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </Space>
  );
}
