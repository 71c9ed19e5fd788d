import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/index.tsx';

const DEFAULT_PAGE_SIZE = 20;

/**
 * A server-paged table's search, filters and page, kept in the address so that reloading, the
 * back button and a shared link all show the same rows. Changing a filter returns to page 1.
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
    pagination: (total: number | undefined): TablePaginationConfig => ({
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
