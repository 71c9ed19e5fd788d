// The staff app: providers, the session guard and the routes made from the page registry.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp } from 'antd';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError, setSessionLostHandler } from './api/client.ts';
import { dropSession, useCurrentUser } from './auth/session.tsx';
import { Loading } from './components/Loading.tsx';
import { LocaleProvider } from './i18n/index.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { RequireSession } from './layout/RequireSession.tsx';
import { landingPath, NAV, type NavEntry } from './nav.tsx';
import './styles.css';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const StatusPage = lazy(() => import('./pages/StatusPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retrying cannot fix a refusal (4xx); it can fix a dropped connection or a restart.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// Any request that finds the session gone drops it; the guard then sends the user to sign in.
setSessionLostHandler(() => dropSession(queryClient));

function PageGate({ entry }: { entry: NavEntry }) {
  const user = useCurrentUser();
  if (!entry.roles.includes(user.role)) {
    // "/" is everyone's home address; users without the staff home go to their own first page.
    if (entry.path === '/') return <Navigate to={landingPath(user.role)} replace />;
    return <StatusPage status="403" />;
  }
  const Page = entry.page;
  return <Page />;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      // A page owns the addresses below its own (/entities/:id), routed inside it with <Routes>.
      ...NAV.map((entry) => ({
        path: entry.path === '/' ? '/' : `${entry.path}/*`,
        element: <PageGate entry={entry} />,
      })),
      { path: '*', element: <StatusPage status="404" /> },
    ],
  },
]);

// The app shell for pages opened without a network (src/sw.ts); built files only (the build's mode,
// not NODE_ENV: the test harness builds with NODE_ENV=test). Registered at once: an inspector may
// lose the network before the page's load event.
if ('serviceWorker' in navigator && import.meta.env.MODE === 'production')
  navigator.serviceWorker.register('/sw.js').catch((error) => console.warn('service worker:', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdApp>
          <Suspense fallback={<Loading screen />}>
            <RouterProvider router={router} />
          </Suspense>
        </AntdApp>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
