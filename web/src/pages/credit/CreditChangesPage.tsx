// 变动清单: the businesses (in the user's region) whose class a full run changed — the latest run
// unless the address names one — filtered by the class they left and the class they reached.
import { ArrowRightOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { type ChangedRow, CREDIT_API } from '../../api/credit.ts';
import { CREDIT_CLASSES, type CreditClass, type Page } from '../../api/types.ts';
import { CreditClassTag, creditClassName } from '../../components/CreditClass.tsx';
import { PagedTable, usePageQuery, useTableState } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { codeName, useLocale } from '../../i18n/index.tsx';

type ChangesPage = Page<ChangedRow> & { run: { id: string; seq: number; finished_at: string } | null };

export default function CreditChangesPage() {
  const { locale, t } = useLocale();
  const phone = usePhone();
  const table = useTableState(['run', 'from', 'to'] as const);
  const known = (c: string | undefined) => CREDIT_CLASSES.find((x) => x === c);
  const changes = usePageQuery<ChangedRow>(`${CREDIT_API}/changes`, table, {
    run: table.filters.run,
    from: known(table.filters.from),
    to: known(table.filters.to),
  });
  const run = (changes.data as ChangesPage | undefined)?.run;

  const columns: TableColumnsType<ChangedRow> = [
    {
      title: t('entity.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          <Link to={`/credit/entities/${row.id}`} data-testid="credit-profile-link">
            {name}
          </Link>
          {phone && <div className="tp-code tp-secondary">{row.identifier}</div>}
        </>
      ),
    },
    {
      title: t('entity.identifier'),
      dataIndex: 'identifier',
      responsive: ['md'],
      render: (v: string) => <span className="tp-code">{v}</span>,
    },
    { title: t('entity.regionCode'), dataIndex: 'region_code', responsive: ['lg'] },
    {
      title: t('credit.change'),
      key: 'change',
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <CreditClassTag value={row.prev_class} />
          <ArrowRightOutlined style={{ marginRight: 8 }} />
          <CreditClassTag value={row.class} />
        </span>
      ),
    },
    { title: t('credit.score'), dataIndex: 'score', align: 'right', responsive: ['md'] },
    {
      title: t('credit.rule'),
      dataIndex: 'rule',
      responsive: ['lg'],
      render: (v: string | null) => (v ? codeName(t, 'credit.direct.', v) : '—'),
    },
  ];

  const classOptions = (CREDIT_CLASSES as readonly CreditClass[]).map((c) => ({
    value: c,
    label: creditClassName(t, c),
  }));
  return (
    <>
      <PageHeader
        title={t('nav.creditChanges')}
        subtitle={
          run
            ? t('credit.changesOf', {
                seq: run.seq,
                date: dayjs(run.finished_at).format('YYYY-MM-DD HH:mm'),
                count: (changes.data?.total ?? 0).toLocaleString(locale),
              })
            : changes.data && t('credit.noSnapshotShort')
        }
      />
      <PagedTable
        table={table}
        result={changes}
        columns={columns}
        rowKey="id"
        selects={[
          { filter: 'from', placeholder: t('credit.fromAny'), options: classOptions },
          { filter: 'to', placeholder: t('credit.toAny'), options: classOptions },
        ]}
      />
    </>
  );
}
