import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Org } from './types.ts';

/** The organisations at and below the user's own, in tree order (the server sorts by path). */
export const useOrgs = () =>
  useQuery({ queryKey: ['orgs'], queryFn: () => api.get<Org[]>('/api/orgs'), staleTime: 5 * 60_000 });

export interface OrgNode extends Org {
  children?: OrgNode[];
}

/**
 * The flat list as a tree. The user's own organisation is a root even though it has a parent:
 * the parent lies outside what the user may see.
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
  return roots;
}
