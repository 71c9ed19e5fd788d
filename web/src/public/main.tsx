// The public portal (public.html): draws as published, the verifier and the RFC 3797 tool, for anyone
// and without signing in. It shares only i18n, the API client, the theme, the styles and the draw
// views with the staff app (see web/README.md), so the staff pages never load here.
import { GlobalOutlined } from '@ant-design/icons';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, Button, Layout, Menu } from 'antd';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import logo from '../assets/favicon.svg';
import { Loading } from '../components/Loading.tsx';
import { LocaleProvider, useLocale } from '../i18n/index.tsx';
import '../styles.css';

const DrawsPage = lazy(() => import('./PublicDrawsPage.tsx'));
const DrawPage = lazy(() => import('./PublicDrawPage.tsx'));
const VerifyPage = lazy(() => import('./VerifyPage.tsx'));
const Rfc3797Page = lazy(() => import('./Rfc3797Page.tsx'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
});

const SECTIONS = [
  { path: '/draws', label: 'public.nav.draws' },
  { path: '/verify', label: 'public.nav.verify' },
  { path: '/rfc3797', label: 'public.nav.rfc3797' },
] as const;

function PublicLayout() {
  const { locale, setLocale, t } = useLocale();
  const { pathname } = useLocation();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Layout className="tp-app">
      <header className="tp-header">
        <Link to="/draws" className="tp-brand">
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
      <Menu
        mode="horizontal"
        selectedKeys={SECTIONS.filter((s) => pathname.startsWith(s.path)).map((s) => s.path)}
        items={SECTIONS.map((s) => ({ key: s.path, label: <Link to={s.path}>{t(s.label)}</Link> }))}
      />
      <Layout.Content
        className="tp-content"
        style={{ padding: 16, maxWidth: 1200, margin: '0 auto', width: '100%' }}
      >
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
        { path: '/', element: <Navigate to="/draws" replace /> },
        { path: '/draws', element: <DrawsPage /> },
        { path: '/draws/:ref', element: <DrawPage /> },
        { path: '/verify', element: <VerifyPage /> },
        { path: '/rfc3797', element: <Rfc3797Page /> },
        { path: '*', element: <Navigate to="/draws" replace /> },
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
