// A server-paged list (endpoints answering { rows, total }): its search, filters and page kept in
// the address, the request for the page shown, and the panel with search bar and table.
import { keepPreviousData, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Table, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { QueryError } from './QueryError.tsx';
import { usePhone } from './usePhone.ts';

const DEFAULT_PAGE_SIZE = 20;

/**
 * Search, filters and page in the address, so that reloading, the back button and a shared link
 * all show the same rows. Changing a filter returns to page 1.
 */
export function useTableState<F extends string>(filterNames: readonly F[]) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    filterNames.map((name) => [name, params.get(name) ?? undefined]),
  ) as Record<F, string | undefined>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value === undefined || value === '' || (name === 'page' && value === 1)) next.delete(name);
          else next.set(name, String(value));
        }
        return next;
      },
      { replace: true },
    );

  return {
    filters,
    page,
    pageSize,
    setFilters: (changes: Partial<Record<F, string | undefined>>) => update({ ...changes, page: undefined }),
    pagination: (total: number | undefined): TableProps['pagination'] => ({
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (count) => t('table.total', { count }),
      onChange: (nextPage, nextSize) =>
        update({
          page: nextSize === pageSize ? nextPage : 1,
          pageSize: nextSize === DEFAULT_PAGE_SIZE ? undefined : nextSize,
        }),
    }),
  };
}

type TableState<F extends string> = ReturnType<typeof useTableState<F>>;

/**
 * The page shown, from `path` with the given filters. Its cache key starts with `path`, so a
 * change invalidates every page with `invalidateQueries({ queryKey: [path] })`. The current
 * rows stay on screen while the next page loads, instead of an empty table.
 */
export function usePageQuery<T>(
  path: string,
  table: { page: number; pageSize: number },
  filters: Record<string, string | undefined>,
) {
  const params = { ...filters, page: table.page, pageSize: table.pageSize };
  return useQuery({
    queryKey: [path, params],
    queryFn: () => api.get<Page<T>>(path, params),
    placeholderData: keepPreviousData,
  });
}

/** A choice of values for one filter. */
interface FilterSelect<F extends string> {
  filter: F;
  /** Shown when nothing is chosen: "全部角色". */
  placeholder: string;
  options: { value: string; label: string }[];
  /** Type to narrow a long list. */
  searchable?: boolean;
}

/** A panel with an optional search box and filter selects above the table of the page shown. */
export function PagedTable<T extends object, F extends string>({
  table,
  result,
  columns,
  rowKey,
  search,
  selects = [],
  expandable,
  toolbarExtra,
  totalText,
  onRow,
  rowSelection,
  scrollOnPhone = false,
}: {
  table: TableState<F>;
  result: UseQueryResult<Page<T>>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  /** A text box bound to one of the filters. */
  search?: { filter: F; placeholder: string };
  selects?: FilterSelect<F>[];
  expandable?: TableProps<T>['expandable'];
  /** More filters after the selects (a region tree, a switch). */
  toolbarExtra?: ReactNode;
  /** The count under the table when the plain "共 n 条" would mislead (a capped count). */
  totalText?: (total: number) => ReactNode;
  onRow?: TableProps<T>['onRow'];
  /** Checkboxes for acting on several rows at once. */
  rowSelection?: TableProps<T>['rowSelection'];
  /** Scroll sideways on a phone too, keeping every column (the public lists). */
  scrollOnPhone?: boolean;
}) {
  const phone = usePhone();
  const searched = search && table.filters[search.filter];
  return (
    <Card className="tp-panel">
      {(search || selects.length > 0 || toolbarExtra) && (
        <div className="tp-toolbar">
          {search && (
            <Input.Search
              // Remounted when the address changes the value (back button), so the box shows it.
              key={searched}
              placeholder={search.placeholder}
              defaultValue={searched}
              allowClear
              enterButton
              onSearch={(value) =>
                table.setFilters({ [search.filter]: value.trim() || undefined } as Partial<Record<F, string>>)
              }
              className="tp-toolbar-wide"
            />
          )}
          {selects.map((select) => (
            <Select
              key={select.filter}
              placeholder={select.placeholder}
              // A value from an edited address that is not among the options shows as nothing chosen.
              value={select.options.find((o) => o.value === table.filters[select.filter])?.value}
              allowClear
              showSearch={select.searchable ? { optionFilterProp: 'label' } : undefined}
              onChange={(value: string | undefined) =>
                table.setFilters({ [select.filter]: value } as Partial<Record<F, string>>)
              }
              options={select.options}
            />
          ))}
          {toolbarExtra}
        </div>
      )}
      {result.isError && <QueryError error={result.error} retry={() => result.refetch()} />}
      <Table<T>
        rowKey={rowKey}
        size="middle"
        columns={columns}
        dataSource={result.data?.rows}
        loading={result.isFetching}
        pagination={{
          ...table.pagination(result.data?.total),
          ...(totalText ? { showTotal: (count: number) => totalText(count) } : {}),
        }}
        expandable={expandable}
        onRow={onRow}
        rowSelection={rowSelection}
        // A desk scrolls wide tables sideways; on a phone pages show only the columns that fit
        // (antd's `responsive`), and text wraps instead, unless the list asks to scroll there too.
        scroll={phone && !scrollOnPhone ? undefined : { x: 'max-content' }}
      />
    </Card>
  );
}
