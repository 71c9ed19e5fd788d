// The public portal (public.html), 一公开: the item list, published plans, draws, results, the
// business look-up, statistics, open data, the verifier and the RFC 3797 tool, for anyone and
// without signing in. It shares only i18n, the API client, the theme, the styles, a few components
// and the draw views with the staff app (see web/README.md), so the staff pages never load here.
import { GlobalOutlined, MenuOutlined } from '@ant-design/icons';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, Button, Drawer, Layout, Menu } from 'antd';
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import logo from '../assets/favicon.svg';
import { Loading } from '../components/Loading.tsx';
import { usePhone } from '../components/usePhone.ts';
import { LocaleProvider, useLocale } from '../i18n/index.tsx';
import '../styles.css';
import './public.css';
import { SECTIONS } from './sections.ts';

const HomePage = lazy(() => import('./HomePage.tsx'));
const ItemsPage = lazy(() => import('./ItemsPage.tsx'));
const PlansPage = lazy(() => import('./PlansPage.tsx'));
const PlanPage = lazy(() => import('./PlanPage.tsx'));
const DrawsPage = lazy(() => import('./PublicDrawsPage.tsx'));
const DrawPage = lazy(() => import('./PublicDrawPage.tsx'));
const ResultsPage = lazy(() => import('./ResultsPage.tsx'));
const BusinessesPage = lazy(() => import('./BusinessesPage.tsx'));
const BusinessPage = lazy(() => import('./BusinessPage.tsx'));
const StatsPage = lazy(() => import('./StatsPage.tsx'));
const FeedsPage = lazy(() => import('./FeedsPage.tsx'));
const VerifyPage = lazy(() => import('./VerifyPage.tsx'));
const Rfc3797Page = lazy(() => import('./Rfc3797Page.tsx'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
});

function PublicLayout() {
  const { locale, setLocale, t } = useLocale();
  const { pathname } = useLocation();
  const phone = usePhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const next = locale === 'en' ? 'zh-CN' : 'en';
  const selected = SECTIONS.filter((s) => pathname.startsWith(s.path)).map((s) => s.path);
  const items = [
    { key: '/', label: <Link to="/">{t('public.nav.home')}</Link> },
    ...SECTIONS.map((s) => ({
      key: s.path,
      label: (
        <Link to={s.path} data-testid={`nav-${s.path.slice(1)}`}>
          {t(s.label)}
        </Link>
      ),
    })),
  ];
  return (
    <Layout className="tp-app">
      <header className="tp-header">
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('public.nav.menu')}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
            data-testid="nav-open"
          />
        )}
        <Link to="/" className="tp-brand">
          <img src={logo} alt="" width={28} height={28} />
          <span className="tp-brand-name">{t('app.name')}</span>
          <span className="tp-brand-title">{t('public.title')}</span>
        </Link>
        <span style={{ flex: 1 }} />
        <Button
          type="text"
          icon={<GlobalOutlined />}
          lang={next}
          onClick={() => setLocale(next)}
          style={{ color: '#fff' }}
          data-testid="language-switch"
        >
          {next === 'en' ? 'English' : '中文'}
        </Button>
      </header>
      {phone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          title={t('public.title')}
          styles={{ body: { padding: 0 } }}
        >
          <Menu
            mode="inline"
            selectedKeys={pathname === '/' ? ['/'] : selected}
            items={items}
            onClick={() => setDrawerOpen(false)}
          />
        </Drawer>
      ) : (
        <Menu mode="horizontal" selectedKeys={pathname === '/' ? ['/'] : selected} items={items} />
      )}
      <Layout.Content className="tp-content tp-public-content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

const router = createBrowserRouter(
  [
    {
      element: <PublicLayout />,
      children: [
        { path: '/', element: <HomePage /> },
        { path: '/items', element: <ItemsPage /> },
        { path: '/plans', element: <PlansPage /> },
        { path: '/plans/:ref', element: <PlanPage /> },
        { path: '/draws', element: <DrawsPage /> },
        { path: '/draws/:ref', element: <DrawPage /> },
        { path: '/results', element: <ResultsPage /> },
        { path: '/businesses', element: <BusinessesPage /> },
        { path: '/businesses/:identifier', element: <BusinessPage /> },
        { path: '/stats', element: <StatsPage /> },
        { path: '/feeds', element: <FeedsPage /> },
        { path: '/verify', element: <VerifyPage /> },
        { path: '/rfc3797', element: <Rfc3797Page /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/public' },
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdApp>
          <Suspense fallback={<Loading />}>
            <RouterProvider router={router} />
          </Suspense>
        </AntdApp>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
