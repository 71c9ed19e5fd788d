// The signed-in frame: a brand header, the menu at the side (a drawer on phones) and the page.
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { Suspense, useCallback, useState } from 'react';
import { Link, Outlet } from 'react-router';
import logo from '../assets/favicon.svg';
import { useCurrentUser } from '../auth/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavMenu } from './NavMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

export function AppLayout() {
  const user = useCurrentUser();
  const t = useT();
  const phone = usePhone();
  // The organisation's name needs a wide header; on narrower screens it is in the user menu.
  const showOrgName = Grid.useBreakpoint().lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);

  return (
    <Layout className="tp-app">
      <Layout.Header className="tp-header">
        {phone && (
          <Button
            type="text"
            className="tp-header-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.open')}
            onClick={() => setDrawerOpen(true)}
            data-testid="nav-open"
          />
        )}
        <Link to="/" className="tp-brand">
          <img src={logo} alt="" width={28} height={28} />
          <span className="tp-brand-name">{t('app.name')}</span>
          {!phone && <span className="tp-brand-title">{t('app.title')}</span>}
        </Link>
        <div className="tp-header-right">
          {showOrgName && (
            <span className="tp-header-org" data-testid="header-org">
              {user.orgName}
            </span>
          )}
          <LanguageSwitch className="tp-header-button" />
          <UserMenu compact={phone} />
        </div>
      </Layout.Header>
      <Layout>
        {phone ? (
          <Drawer
            open={drawerOpen}
            onClose={closeDrawer}
            placement="left"
            size={260}
            title={user.orgName}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={closeDrawer} />
          </Drawer>
        ) : (
          <Layout.Sider theme="light" width={208} breakpoint="lg" collapsible className="tp-sider">
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout.Content className="tp-content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
