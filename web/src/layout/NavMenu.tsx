import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/session.tsx';
import { useT } from '../i18n/index.tsx';
import { entryAt, NAV_GROUPS, navFor } from '../nav.tsx';

type Item = Required<MenuProps>['items'][number];

/** The menu of the pages the user's role may open, grouped as the registry says. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const user = useCurrentUser();
  const t = useT();
  const { pathname } = useLocation();
  const entries = navFor(user.role);
  const selected = entryAt(entries, pathname);

  const items: Item[] = [];
  const groups = new Map<string, Item[]>();
  for (const entry of entries) {
    // Links, not click handlers, so a page can be opened in a new tab.
    const item: Item = {
      key: entry.path,
      icon: entry.icon,
      label: (
        <Link to={entry.path} onClick={onNavigate}>
          {t(entry.label)}
        </Link>
      ),
    };
    if (!entry.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(entry.group);
    if (!children) {
      // The section sits where its first page would have been.
      children = [];
      groups.set(entry.group, children);
      const group = NAV_GROUPS[entry.group];
      items.push({ key: `group:${entry.group}`, icon: group.icon, label: t(group.label), children });
    }
    children.push(item);
  }

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      defaultOpenKeys={Object.keys(NAV_GROUPS).map((group) => `group:${group}`)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
