// Draws: the list at /draws, the wizard at /draws/new?plan=…&batch=…, one draw at /draws/<id>.
import { useParams } from 'react-router';
import type { DrawRow, DrawStatus } from '../api/draws.ts';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { drawListColumns } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';
import DrawDetail from './DrawDetail.tsx';
import DrawWizard from './DrawWizard.tsx';

const STATUSES: DrawStatus[] = ['committed', 'revealed', 'completed', 'abandoned'];

function DrawList() {
  const { t } = useLocale();
  const table = useTableState(['status'] as const);
  const status = STATUSES.find((s) => s === table.filters.status);
  const draws = usePageQuery<DrawRow>('/api/draws', table, { status });
  const columns = drawListColumns(t, (d) => `/draws/${d.id}`);
  return (
    <>
      <PageHeader title={t('nav.draws')} subtitle={t('draw.subtitle')} />
      <PagedTable
        table={table}
        result={draws}
        columns={columns}
        rowKey="id"
        selects={[
          {
            filter: 'status',
            placeholder: t('draw.allStatuses'),
            options: STATUSES.map((s) => ({ value: s, label: t(`draw.status.${s}`) })),
          },
        ]}
      />
    </>
  );
}

export default function DrawsPage() {
  const rest = useParams()['*'];
  if (!rest) return <DrawList />;
  if (rest === 'new') return <DrawWizard />;
  return <DrawDetail key={rest} drawId={rest} />;
}
