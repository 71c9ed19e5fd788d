// The staff app's pages, in menu order: one registry gives the routes, the menu and who may open
// what. A later module adds its page here (and its words to i18n/zh.ts and en.ts); nothing else
// needs to change. Each page is loaded on first visit (React.lazy), so it adds nothing to the
// first load.
import {
  AuditOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DiffOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  InteractionOutlined,
  NodeIndexOutlined,
  OrderedListOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SlidersOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { type Role, STAFF } from './api/types.ts';
import type { MessageKey } from './i18n/index.tsx';

/** Menu sections; an entry with a group appears inside that section's submenu. */
export const NAV_GROUPS = {
  credit: { label: 'nav.group.credit', icon: <SafetyOutlined /> },
  system: { label: 'nav.group.system', icon: <SettingOutlined /> },
} satisfies Record<string, { label: MessageKey; icon: ReactNode }>;

export interface NavEntry {
  /** Absolute path; the menu item is also selected on paths below it (/users/…). */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Who may open the page; it is hidden from everyone else, who get a 403 view by URL. */
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
  group?: keyof typeof NAV_GROUPS;
  /** A page reached from other pages (a path with parameters), not from the menu. */
  hidden?: true;
}

export const NAV: readonly NavEntry[] = [
  // First, so that it is where an inspector lands after signing in on a phone.
  {
    path: '/my-tasks',
    label: 'nav.myTasks',
    icon: <ScheduleOutlined />,
    roles: ['inspector'],
    page: lazy(() => import('./pages/MyTasksPage.tsx')),
  },
  {
    path: '/',
    label: 'nav.home',
    icon: <HomeOutlined />,
    roles: STAFF,
    page: lazy(() => import('./pages/HomePage.tsx')),
  },
  {
    path: '/my-business',
    label: 'nav.myBusiness',
    icon: <ShopOutlined />,
    roles: ['business'],
    page: lazy(() => import('./pages/BusinessHomePage.tsx')),
  },
  {
    path: '/my-inspections',
    label: 'nav.myInspections',
    icon: <FileDoneOutlined />,
    roles: ['business'],
    page: lazy(() => import('./pages/MyInspectionsPage.tsx')),
  },
  {
    path: '/items',
    label: 'nav.items',
    icon: <OrderedListOutlined />,
    roles: STAFF,
    page: lazy(() => import('./pages/ItemsPage.tsx')),
  },
  {
    path: '/entities',
    label: 'nav.entities',
    icon: <DatabaseOutlined />,
    roles: STAFF,
    page: lazy(() => import('./pages/EntitiesPage.tsx')),
  },
  {
    path: '/inspectors',
    label: 'nav.inspectors',
    icon: <IdcardOutlined />,
    roles: STAFF,
    page: lazy(() => import('./pages/InspectorsPage.tsx')),
  },
  {
    path: '/imports',
    label: 'nav.imports',
    icon: <UploadOutlined />,
    roles: ['admin', 'coordinator', 'dept_admin'],
    page: lazy(() => import('./pages/ImportsPage.tsx')),
  },
  {
    path: '/plans',
    label: 'nav.plans',
    icon: <ScheduleOutlined />,
    roles: ['coordinator', 'dept_admin'],
    page: lazy(() => import('./pages/PlansPage.tsx')),
  },
  {
    path: '/draws',
    label: 'nav.draws',
    icon: <InteractionOutlined />,
    roles: ['coordinator', 'dept_admin'],
    page: lazy(() => import('./pages/DrawsPage.tsx')),
  },
  {
    path: '/review',
    label: 'nav.review',
    icon: <FileSearchOutlined />,
    roles: ['reviewer', 'dept_admin'],
    page: lazy(() => import('./pages/ReviewPage.tsx')),
  },
  {
    path: '/publication',
    label: 'nav.publication',
    icon: <CarryOutOutlined />,
    roles: ['reviewer', 'dept_admin', 'coordinator'],
    page: lazy(() => import('./pages/PublicationPage.tsx')),
  },
  {
    path: '/follow-ups',
    label: 'nav.followUps',
    icon: <NodeIndexOutlined />,
    roles: ['reviewer', 'dept_admin', 'coordinator'],
    page: lazy(() => import('./pages/FollowUpsPage.tsx')),
  },
  {
    path: '/credit',
    label: 'nav.credit',
    icon: <DashboardOutlined />,
    roles: ['coordinator'],
    page: lazy(() => import('./pages/credit/CreditOverviewPage.tsx')),
    group: 'credit',
  },
  {
    path: '/credit/model',
    label: 'nav.creditModel',
    icon: <SlidersOutlined />,
    roles: ['coordinator'],
    page: lazy(() => import('./pages/credit/CreditModelPage.tsx')),
    group: 'credit',
  },
  {
    path: '/credit/changes',
    label: 'nav.creditChanges',
    icon: <DiffOutlined />,
    roles: ['coordinator', 'dept_admin'],
    page: lazy(() => import('./pages/credit/CreditChangesPage.tsx')),
    group: 'credit',
  },
  {
    path: '/credit/imports',
    label: 'nav.creditImport',
    icon: <ImportOutlined />,
    roles: ['coordinator', 'dept_admin'],
    page: lazy(() => import('./pages/credit/CreditImportPage.tsx')),
    group: 'credit',
  },
  {
    path: '/credit/entities/:id',
    label: 'nav.creditProfile',
    icon: <SafetyOutlined />,
    roles: ['coordinator', 'dept_admin', 'reviewer', 'inspector'],
    page: lazy(() => import('./pages/credit/CreditProfilePage.tsx')),
    hidden: true,
  },
  {
    path: '/users',
    label: 'nav.users',
    icon: <TeamOutlined />,
    roles: ['admin'],
    page: lazy(() => import('./pages/UsersPage.tsx')),
    group: 'system',
  },
  {
    path: '/orgs',
    label: 'nav.orgs',
    icon: <ClusterOutlined />,
    roles: STAFF,
    page: lazy(() => import('./pages/OrgsPage.tsx')),
    group: 'system',
  },
  {
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    roles: ['admin', 'coordinator'],
    page: lazy(() => import('./pages/AuditPage.tsx')),
    group: 'system',
  },
];

/** The menu of a role: the pages it may open, except those reached only from other pages. */
export const navFor = (role: Role) => NAV.filter((entry) => !entry.hidden && entry.roles.includes(role));

/** Where a user lands after signing in: their first page. */
export const landingPath = (role: Role) => navFor(role)[0]?.path ?? '/';

/** The entry a location belongs to: the longest path that is the location or a parent of it. */
export function entryAt(entries: readonly NavEntry[], pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
