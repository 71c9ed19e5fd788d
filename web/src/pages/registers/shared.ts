// Addresses, queries and colours the register pages share.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import type { EntityFacets, ItemFacets, RegionChoice } from '../../api/registers.ts';
import type { EntityStatus } from '../../api/types.ts';

export const ENTITIES = '/api/entities';
export const INSPECTORS = '/api/inspectors';
export const ITEMS = '/api/items';
export const IMPORTS = '/api/imports';

export const STATUS_COLORS: Record<EntityStatus, string | undefined> = {
  active: 'success',
  deregistered: undefined,
  revoked: 'error',
  cancelled: 'warning',
  moved_out: undefined,
};

export const useEntityFacets = () =>
  useQuery({
    queryKey: [ENTITIES, 'facets'],
    queryFn: () => api.get<EntityFacets>(`${ENTITIES}/facets`),
    staleTime: 5 * 60_000,
  });

export const useItemFacets = (year?: number) =>
  useQuery({
    queryKey: [ITEMS, 'facets', year],
    queryFn: () => api.get<ItemFacets>(`${ITEMS}/facets`, { year }),
    staleTime: 60_000,
  });

/** "5%" from basis points. */
export const ratioText = (bp: number | null) => (bp === null ? null : `${bp / 100}%`);

export interface RegionOption {
  value: string;
  title: string;
  children?: RegionOption[];
}

/** Regions as TreeSelect options; in forms the code is shown beside the name. */
export const regionOptions = (regions: RegionChoice[], withCode = false): RegionOption[] =>
  regions.map((r) => ({
    value: r.code,
    title: withCode ? `${r.name}（${r.code}）` : r.name,
    children: r.children && regionOptions(r.children, withCode),
  }));

/** The qualifications the special libraries require: the choices for an inspector's 执法资质. */
export function useQualifications(): string[] {
  const facets = useEntityFacets();
  return useMemo(
    () => [
      ...new Set(
        (facets.data?.tags ?? []).flatMap((tag) =>
          tag.required_qualification ? [tag.required_qualification] : [],
        ),
      ),
    ],
    [facets.data],
  );
}
