import { useQuery } from '@tanstack/react-query';
import { namedCodes } from '../i18n/index.tsx';
import { api } from './client.ts';
import type { Org } from './types.ts';

/** The organisations at and below the user's own. */
export const useOrgs = () =>
  useQuery({ queryKey: ['orgs'], queryFn: () => api.get<Org[]>('/api/orgs'), staleTime: 5 * 60_000 });

export interface OrgNode extends Org {
  children?: OrgNode[];
}

// Under each organisation: its departments first, market supervision leading (the dictionary's
// order), then the districts or offices below it by code.
const DEPARTMENT_ORDER = namedCodes('department.');
const departmentRank = (org: Org) => {
  if (org.kind !== 'department') return DEPARTMENT_ORDER.length + 1;
  const rank = DEPARTMENT_ORDER.indexOf(org.department ?? '');
  return rank === -1 ? DEPARTMENT_ORDER.length : rank;
};
const byRankThenCode = (a: Org, b: Org) =>
  departmentRank(a) - departmentRank(b) || a.code.localeCompare(b.code);

/**
 * The flat list as a sorted tree. The user's own organisation is a root even though it has a
 * parent: the parent lies outside what the user may see.
 */
export function orgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>(orgs.map((org) => [org.id, { ...org }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  for (const node of nodes.values()) node.children?.sort(byRankThenCode);
  return roots.sort(byRankThenCode);
}
